#!/bin/sh
# Writes the bash and zsh completions of poolscope from its --help text, so
# they list exactly the options the binary accepts (run at build time; see
# cmake/PoolScopeInstall.cmake).
#
#   gen-completions.sh HELP_FILE|POOLSCOPE_BINARY BASH_OUT ZSH_OUT
#
# Given the binary (an executable file), it runs `POOLSCOPE_BINARY --help`.
#
# What it reads from the help text:
#   - option lines: "  --name [METAVAR]  description"; a METAVAR of FILE or
#     OUT completes file names, any other METAVAR takes a free value;
#   - the usage lines: "[--name a|b|c]" lists the words a value may be (the
#     lower-case ones: "[--speed X|max]" offers max), and "[--name V]..." marks
#     an option that may be repeated.
# POSIX sh and awk only (Debian's default awk is mawk).
set -eu

if [ $# -ne 3 ]; then
    echo "usage: $0 HELP_FILE|POOLSCOPE_BINARY BASH_OUT ZSH_OUT" >&2
    exit 2
fi
help_file=$1
bash_out=$2
zsh_out=$3
if [ -f "$help_file" ] && [ -x "$help_file" ]; then
    tmp=$(mktemp)
    trap 'rm -f "$tmp"' EXIT
    # English whatever the locale: the options are read from its layout.
    "$help_file" --lang en --help >"$tmp"
    help_file=$tmp
fi

# One record per option, fields split by \037: name, metavar, words,
# repeatable (1/0), a one-line description.
table=$(awk '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function addWords(name, alts,    n, parts, i) {
    n = split(alts, parts, "|")
    for (i = 1; i <= n; i++) {
        if (parts[i] !~ /^[a-z][A-Za-z0-9_]*$/) continue
        if ((" " words[name] " ") ~ (" " parts[i] " ")) continue
        words[name] = (words[name] == "" ? parts[i] : words[name] " " parts[i])
    }
}
{
    line = $0
    # Usage lines: every "[--name VALUE]" group, and "]..." after it.
    rest = line
    while (match(rest, /\[--[a-z][a-z-]* [^]]*\]/)) {
        group = substr(rest, RSTART + 1, RLENGTH - 2)
        after = substr(rest, RSTART + RLENGTH, 3)
        rest = substr(rest, RSTART + RLENGTH)
        sp = index(group, " ")
        name = substr(group, 1, sp - 1)
        addWords(name, substr(group, sp + 1))
        if (after == "...") repeat[name] = 1
    }
    # A description goes on over the indented lines after its option.
    if (line ~ /^      +[^ ]/ && last != "") {
        descs[last] = descs[last] " " trim(line)
        next
    }
    last = ""
    # Option lines: two spaces, the option, maybe one metavar, then two
    # spaces (or the end of the line) before the description.
    if (line !~ /^  --[a-z]/) next
    body = substr(line, 3)
    sp = index(body, " ")
    if (sp == 0) { name = body; meta = ""; desc = "" }
    else {
        name = substr(body, 1, sp - 1)
        tail = substr(body, sp)
        if (tail ~ /^  / || tail ~ /^ *$/) { meta = ""; desc = trim(tail) }
        else {
            tail = substr(tail, 2)
            sp = index(tail, " ")
            if (sp == 0) { meta = tail; desc = "" }
            else { meta = substr(tail, 1, sp - 1); desc = trim(substr(tail, sp)) }
        }
    }
    if (name in seen) next
    seen[name] = 1
    last = name
    order[++count] = name
    metas[name] = meta
    descs[name] = desc
}
# The first clause of a description, for a one-line hint.
function short(d,    cut, opened, closed, i, c, lastOpen) {
    cut = index(d, "; "); if (cut > 0) d = substr(d, 1, cut - 1)
    cut = index(d, ". "); if (cut > 0) d = substr(d, 1, cut - 1)
    cut = index(d, ": "); if (cut > 0) d = substr(d, 1, cut - 1)
    # A cut inside parentheses: end before the one left open.
    opened = 0; closed = 0; lastOpen = 0
    for (i = 1; i <= length(d); i++) {
        c = substr(d, i, 1)
        if (c == "(") { opened++; lastOpen = i }
        if (c == ")") closed++
    }
    if (opened > closed) d = substr(d, 1, lastOpen - 1)
    sub(/[ .,]+$/, "", d)
    return d
}
END {
    for (i = 1; i <= count; i++) {
        n = order[i]
        printf "%s\037%s\037%s\037%s\037%s\n", n, metas[n], words[n], (n in repeat) ? 1 : 0, short(descs[n])
    }
}' "$help_file")

if [ -z "$table" ]; then
    echo "$0: no options found in $help_file" >&2
    exit 1
fi

# Unit separator: not white space, so an empty field stays a field for read.
sep=$(printf '\037')

# ---- bash ----------------------------------------------------------------
{
    echo "# bash completion for poolscope                            -*- shell-script -*-"
    echo "# Generated from 'poolscope --help' by resources/completion/gen-completions.sh."
    echo
    echo "_poolscope() {"
    echo "    local cur prev words cword split"
    echo "    _init_completion -s || return"
    echo
    echo "    case \$prev in"
    echo "$table" | while IFS="$sep" read -r name meta words repeat desc; do
        [ -n "$meta" ] || continue
        if [ -n "$words" ]; then
            echo "        $name) COMPREPLY=(\$(compgen -W '$words' -- \"\$cur\")); return ;;"
        elif [ "$meta" = FILE ] || [ "$meta" = OUT ]; then
            echo "        $name) _filedir; return ;;"
        else
            echo "        $name) return ;;"
        fi
    done
    echo "    esac"
    echo "    \$split && return"
    echo
    printf "    local options='"
    echo "$table" | cut -d "$sep" -f1 | tr '\n' ' ' | sed 's/ $//'
    echo "'"
    echo "    COMPREPLY=(\$(compgen -W \"\$options\" -- \"\$cur\"))"
    echo "}"
    echo "complete -F _poolscope poolscope"
} >"$bash_out"

# ---- zsh -----------------------------------------------------------------
{
    echo "#compdef poolscope"
    echo "# Generated from 'poolscope --help' by resources/completion/gen-completions.sh."
    echo
    echo "_arguments -s \\"
    echo "$table" | while IFS="$sep" read -r name meta words repeat desc; do
        # Brackets, colons and quotes would end the spec early.
        desc=$(printf '%s' "$desc" | tr -d ":][\\\\'")
        star=""
        [ "$repeat" = 1 ] && star="*"
        if [ -z "$meta" ]; then
            echo "  '$star$name[$desc]' \\"
        elif [ -n "$words" ]; then
            echo "  '$star$name=[$desc]:$meta:($words)' \\"
        elif [ "$meta" = FILE ] || [ "$meta" = OUT ]; then
            echo "  '$star$name=[$desc]:$meta:_files' \\"
        else
            echo "  '$star$name=[$desc]:$meta: ' \\"
        fi
    done
    echo "  && return 0"
} >"$zsh_out"
