#pragma once
/// \file
/// \brief The loss plot (top) and learning-rate plot (bottom) on one shared x axis, with draggable LR control
/// points, crosshair tooltip, log axes, smoothing, decimation and export.
///
/// A view only: it shows the series it is given and emits intent signals (a control point was moved, a point
/// should be added or removed); the application owns the data and pushes new series back.

#include <QColor>
#include <QPair>
#include <QPointF>
#include <QString>
#include <QVector>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QCustomPlot;

namespace losscast::widgets {

/// \brief One curve to draw.
struct PlotSeries
{
    enum class Role
    {
        Measured,
        Fitted,
        Predicted
    };
    QString id;   ///< stable key (run or scenario id)
    QString name; ///< legend and tooltip text
    QColor color;
    Role role = Role::Measured;
    std::vector<double> x; ///< steps, ascending
    std::vector<double> y;
    std::vector<double> lower, upper; ///< optional uncertainty band (same length as x), drawn translucent
    bool emphasised = false;          ///< drawn thicker (the selected scenario)
    Qt::PenStyle style = Qt::NoPen;   ///< line style; NoPen = the role's (solid, fitted dashed)
    bool inLegend = true;
};

class PlotPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PlotPanel(QWidget* parent = nullptr);
    ~PlotPanel() override;

    void setLossSeries(const QVector<PlotSeries>& series);
    void setLrSeries(const QVector<PlotSeries>& series);
    const QVector<PlotSeries>& lossSeries() const;
    /// How many series the last set*Series call smoothed and decimated again; series whose data, smoothing
    /// and decimation did not change keep their drawn data (a drag redraws only the dragged scenario).
    int recomputedSeries() const;
    /// Fit residuals (measured − fitted per run), drawn in a strip between the loss and LR plots on the same
    /// x axis when shown.
    void setResidualSeries(const QVector<PlotSeries>& series);
    void setResidualsVisible(bool on);
    bool residualsVisible() const;
    /// What the residual strip draws (after smoothing and decimation): series id and points of every curve in
    /// it; empty while the strip is hidden. For tests.
    QVector<QPair<QString, QVector<QPointF>>> drawnResiduals() const;
    /// Editable points (step, lr) drawn on the LR plot; empty = nothing editable.
    void setControlPoints(const QVector<QPointF>& points, const QColor& color);
    QVector<QPointF> controlPoints() const;
    int selectedControlPoint() const;

    void setLogX(bool on);
    void setLogY(bool on);
    bool logX() const;
    bool logY() const;
    /// EMA weight for measured curves (0 = off, up to 0.999), applied before decimation.
    void setSmoothing(double weight);
    double smoothing() const;
    /// Upper bound of points drawn per curve (min/max decimation above it).
    void setMaxPointsPerSeries(int n);
    void setDark(bool dark);
    void setXLabel(const QString& label);
    /// A grey note in the middle of the LR plot (e.g. why it is empty); empty text hides it.
    void setLrHint(const QString& text);
    QString lrHint() const;
    /// How the crosshair tooltip names an x position (default: "step 1234"); e.g. tokens with the step.
    void setXFormatter(std::function<QString(double x)> format);
    /// The crosshair text at x: the x position, then every visible curve's value there.
    QString valuesAt(double x) const;

    /// Fits both plots to their data.
    void resetView();
    /// Replots now (benchmarks, exports); normal updates are coalesced to the next event-loop turn.
    void replotNow();

    /// Saves both plots as .png, .svg or .pdf (by suffix) at width × height pixels (0 = current size).
    bool exportTo(const QString& path, int width, int height, QString* error) const;
    QPixmap toPixmap(int width, int height) const;
    void copyToClipboard() const;

    /// Plot coordinates ⇄ widget pixels on the LR plot (for tests and the drag benchmark).
    QPointF lrToPixel(const QPointF& stepLr) const;
    QPointF pixelToLr(const QPointF& pixel) const;
    QCustomPlot* customPlot() const;

signals:
    /// While dragging: the point should move to `pos` (step, lr).
    void controlPointMoved(int index, QPointF pos);
    /// The drag ended: one undoable change from `from` to `to`.
    void controlPointDragFinished(int index, QPointF from, QPointF to);
    void controlPointAddRequested(QPointF pos);
    void controlPointRemoveRequested(int index);
    void controlPointSelected(int index);
    /// Text describing what is under the mouse (for the status bar).
    void hoverText(const QString& text);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace losscast::widgets
