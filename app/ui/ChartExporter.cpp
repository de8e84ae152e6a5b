#include "app/ui/ChartExporter.h"

#include <QDateTime>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <cmath>
#include <limits>

#include "widgets/TimeSeriesChart.h"

namespace poolscope {

QString ChartExporter::writeTimelineCsv(const Timeline& timeline, const QString& pool, const QString& file) {
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text))
        return tr("cannot write %1: %2").arg(file, out.errorString());
    QByteArray header = "t_ms,time";
    for (int m = 0; m < kMetricCount; ++m)
        header += ',' + QByteArray::fromStdString(std::string(toString(static_cast<Metric>(m))));
    out.write(header + '\n');
    QByteArray row;
    timeline.forEachSample(
        pool.toStdString(), std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(),
        [&](int64_t tMs, const double* values) {
            row.clear();
            row += QByteArray::number(static_cast<qlonglong>(tMs));
            row += ',';
            row += QDateTime::fromMSecsSinceEpoch(tMs, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
            for (int m = 0; m < kMetricCount; ++m) {
                row += ',';
                if (!std::isnan(values[m])) row += QByteArray::number(values[m], 'g', 8);  // empty: not reported
            }
            row += '\n';
            out.write(row);
        });
    if (!out.commit()) return tr("cannot write %1: %2").arg(file, out.errorString());
    return {};
}

QImage ChartExporter::renderCharts(const QList<TimeSeriesChart*>& charts, QSize size) {
    if (charts.isEmpty() || size.isEmpty()) return {};
    QImage all(size.width(), size.height() * static_cast<int>(charts.size()),
               QImage::Format_ARGB32_Premultiplied);
    all.fill(Qt::white);
    QPainter p(&all);
    for (qsizetype i = 0; i < charts.size(); ++i)
        p.drawImage(0, static_cast<int>(i) * size.height(), charts[i]->renderToImage(size));
    return all;
}

QString ChartExporter::writePng(const QImage& image, const QString& file) {
    if (image.isNull()) return tr("nothing to export");
    QImageWriter writer(file, "png");
    if (!writer.write(image)) return tr("cannot write %1: %2").arg(file, writer.errorString());
    return {};
}

}  // namespace poolscope
