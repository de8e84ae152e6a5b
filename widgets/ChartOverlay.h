#pragma once
// What a TimeSeriesChart draws over Qt Charts' series: alert markers on the
// time axis and the hover crosshair with its readout box.

#include <QColor>
#include <QGraphicsItem>
#include <QList>
#include <QString>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace poolscope {

/// A child item of the chart (chart coordinates), drawn above the series.
/// Maps time to x from the visible range set by the owning chart.
class ChartOverlay : public QGraphicsItem {
public:
    struct Marker {
        qint64 tMs = 0;
        QColor color;
        QString text;
    };
    struct ReadoutLine {
        QColor color;  ///< invalid for the heading (time) line
        QString text;
    };

    explicit ChartOverlay(QChart* chart);

    void setRange(qint64 fromMs, qint64 toMs);
    /// Adds a marker; beyond kMaxMarkers the oldest is dropped.
    void addMarker(const Marker& marker);
    void clearMarkers();
    static constexpr qsizetype kMaxMarkers = 1000;
    /// Crosshair at chart x coordinate `x` with `lines`; empty lines hide it.
    void setHover(qreal x, const QList<ReadoutLine>& lines);
    void clearHover();
    void setTextColor(const QColor& text, const QColor& background);
    /// A line of text at the bottom of the plot area (e.g. which series the
    /// source does not report); empty hides it.
    void setNote(const QString& note);
    QString note() const { return note_; }
    /// Called when the chart's plot area moves or resizes.
    void plotAreaChanged();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
               QWidget* widget) override;

private:
    qreal xOf(qint64 tMs) const;
    void paintMarkers(QPainter* p, const QRectF& plot) const;
    void paintHover(QPainter* p, const QRectF& plot) const;
    void paintNote(QPainter* p, const QRectF& plot) const;

    QChart* chart_;
    QRectF bounds_;
    qint64 fromMs_ = 0, toMs_ = 1;
    QList<Marker> markers_;
    qreal hoverX_ = -1;
    QList<ReadoutLine> hoverLines_;
    QString note_;
    QColor text_ = Qt::black, background_ = Qt::white;
};

}  // namespace poolscope
