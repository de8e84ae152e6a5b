# Rewrites `poolscope --help` into the form help2man reads (POSIX awk):
#   - every "Usage:" block (the headless one and the dashboard's) goes into
#     one usage clause at the top, each synopsis on one line, the second and
#     later ones as "   or: poolscope ..." lines;
#   - where the dashboard's usage block stood, a "*Dashboard options*" line,
#     and before "Exit status: ..." an "*Exit status*" line: help2man makes
#     each a section of its own (DASHBOARD OPTIONS, EXIT STATUS).
# Nothing else changes: the option table stays the one --help prints.
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function flush() { if (synopsis != "") { syn[++nsyn] = synopsis; synopsis = "" } }
{
    if ($0 ~ /^Usage: /) {
        inUsage = 1
        blocks++
        synopsis = trim(substr($0, 7))
        if (blocks > 1) text[++ntext] = "*Dashboard options*"
        next
    }
    if (inUsage) {
        if ($0 ~ /^[ \t]*$/) { flush(); inUsage = 0; text[++ntext] = ""; next }
        if ($0 ~ /^ +poolscope /) { flush(); synopsis = trim($0); next }
        synopsis = synopsis " " trim($0)
        next
    }
    if ($0 ~ /^Exit status: /) {
        text[++ntext] = "*Exit status*"
        text[++ntext] = substr($0, 14)
        next
    }
    text[++ntext] = $0
}
END {
    flush()
    for (i = 1; i <= nsyn; i++) print (i == 1 ? "Usage: " : "   or: ") syn[i]
    for (i = 1; i <= ntext; i++) print text[i]
}
