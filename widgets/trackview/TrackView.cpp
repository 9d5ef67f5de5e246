#include "widgets/trackview/TrackView.h"

#include <QFileInfo>
#include <QVBoxLayout>

namespace timbre::widgets {

struct TrackView::Private
{
    QString libraryFolder;
};

TrackView::TrackView(QWidget *parent) : QWidget(parent), d(std::make_unique<Private>())
{
    new QVBoxLayout(this);
}

TrackView::~TrackView() = default;

bool TrackView::openFile(const QString &path)
{
    if (!QFileInfo(path).isReadable()) {
        Q_EMIT statusMessage(tr("Cannot read %1").arg(path));
        return false;
    }
    m_path = path;
    m_trackId = 0;
    return true;
}

void TrackView::setLibrary(const QString &folder)
{
    d->libraryFolder = folder;
}

bool TrackView::openTrack(qint64 trackId)
{
    m_trackId = trackId;
    return false;
}

} // namespace timbre::widgets
