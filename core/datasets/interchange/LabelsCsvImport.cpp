#include "core/datasets/interchange/LabelsCsvImport.h"

#include "core/library/CatalogTransaction.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/Taxonomy.h"
#include "core/library/TrackStore.h"

#include <QFileInfo>
#include <QSet>

namespace timbre::datasets {

using namespace timbre::library;

namespace {
constexpr double kTimeTolerance = 1e-6;
}

LabelsCsvImport::LabelsCsvImport(const Library &library) : m_library(library) { }

QString LabelsCsvImport::regionKey(const QString &parentKey, double startS, double endS)
{
    return QStringLiteral("%1#%2-%3")
            .arg(parentKey, ActivityCsv::formatSeconds(startS), ActivityCsv::formatSeconds(endS));
}

bool LabelsCsvImport::parseRegionKey(const QString &key, QString *parent, double *startS,
                                     double *endS)
{
    const int hash = int(key.lastIndexOf(QLatin1Char('#')));
    if (hash <= 0)
        return false;
    const QString span = key.mid(hash + 1);
    const int dash = int(span.indexOf(QLatin1Char('-'), 1));
    if (dash < 0)
        return false;
    bool okStart = false;
    bool okEnd = false;
    const double start = span.left(dash).toDouble(&okStart);
    const double end = span.mid(dash + 1).toDouble(&okEnd);
    if (!okStart || !okEnd || start < 0 || end <= start)
        return false;
    *parent = key.left(hash);
    *startS = start;
    *endS = end;
    return true;
}

CatalogError LabelsCsvImport::load()
{
    m_clipByKey.clear();
    m_keyById.clear();
    m_trackByClip.clear();
    m_wholeClipByTrack.clear();
    m_regionsByTrack.clear();
    auto tracks = m_library.tracks().list();
    if (!tracks)
        return tracks.error();
    auto clips = m_library.clips().list();
    if (!clips)
        return clips.error();

    QHash<QString, int> baseNameCount;
    QHash<qint64, QString> pathById;
    for (const TrackRecord &track : *tracks) {
        pathById.insert(track.id, track.path);
        ++baseNameCount[QFileInfo(track.path).completeBaseName()];
    }
    // Whole-track clips first: region names are built from them.
    for (const ClipRecord &clip : *clips) {
        m_trackByClip.insert(clip.id, clip.trackId);
        if (!clip.isWholeTrack())
            continue;
        m_wholeClipByTrack.insert(clip.trackId, clip.id);
        const QString path = pathById.value(clip.trackId);
        const QString base = QFileInfo(path).completeBaseName();
        QString name = clip.key;
        if (name.isEmpty())
            name = baseNameCount.value(base) == 1 ? base : path;
        m_keyById.insert(clip.id, name);
        m_clipByKey.insert(path, clip.id);
        if (baseNameCount.value(base) == 1 && !m_clipByKey.contains(base))
            m_clipByKey.insert(base, clip.id);
        if (!clip.key.isEmpty())
            m_clipByKey.insert(clip.key, clip.id);
    }
    for (const ClipRecord &clip : *clips) {
        if (clip.isWholeTrack())
            continue;
        m_regionsByTrack[clip.trackId].append({clip.id, {clip.startS, *clip.endS}});
        const qint64 parent = m_wholeClipByTrack.value(clip.trackId);
        const QString parentKey = parent ? m_keyById.value(parent) : pathById.value(clip.trackId);
        const QString generated = regionKey(parentKey, clip.startS, *clip.endS);
        m_keyById.insert(clip.id, clip.key.isEmpty() ? generated : clip.key);
        if (!clip.key.isEmpty())
            m_clipByKey.insert(clip.key, clip.id);
        if (!m_clipByKey.contains(generated))
            m_clipByKey.insert(generated, clip.id);
    }
    return {};
}

std::optional<qint64> LabelsCsvImport::trackOfClip(qint64 clipId) const
{
    const auto it = m_trackByClip.constFind(clipId);
    if (it == m_trackByClip.cend())
        return std::nullopt;
    return *it;
}

CatalogResult<std::optional<qint64>> LabelsCsvImport::regionClip(qint64 trackId, double startS,
                                                                 double endS, bool create)
{
    for (const auto &region : m_regionsByTrack.value(trackId)) {
        if (qAbs(region.second.first - startS) < kTimeTolerance
            && qAbs(region.second.second - endS) < kTimeTolerance)
            return std::optional<qint64>(region.first);
    }
    if (!create)
        return std::optional<qint64>();
    auto added = m_library.clips().addRegionClip(trackId, startS, endS);
    if (!added)
        return added.error();
    m_regionsByTrack[trackId].append({*added, {startS, endS}});
    m_trackByClip.insert(*added, trackId);
    const qint64 parent = m_wholeClipByTrack.value(trackId);
    const QString key = regionKey(m_keyById.value(parent), startS, endS);
    m_keyById.insert(*added, key);
    m_clipByKey.insert(key, *added);
    return std::optional<qint64>(*added);
}

CatalogResult<std::optional<qint64>> LabelsCsvImport::resolve(const QString &key,
                                                              bool createRegions, QString *why)
{
    const auto direct = m_clipByKey.constFind(key);
    if (direct != m_clipByKey.cend())
        return std::optional<qint64>(*direct);
    QString parent;
    double start = 0;
    double end = 0;
    if (parseRegionKey(key, &parent, &start, &end)) {
        const auto whole = m_clipByKey.constFind(parent);
        if (whole == m_clipByKey.cend()) {
            *why = QStringLiteral("unknown clip '%1'").arg(parent);
            return std::optional<qint64>();
        }
        auto region = regionClip(m_trackByClip.value(*whole), start, end, createRegions);
        if (region && !region->has_value())
            *why = QStringLiteral("no region clip '%1'").arg(key);
        return region;
    }
    *why = QStringLiteral("unknown clip '%1' (no clip key, file base name or path matches)")
                   .arg(key);
    return std::optional<qint64>();
}

CatalogResult<ImportReport> LabelsCsvImport::importLabels(const QList<LabelRecord> &records,
                                                          const QString &sourceFile,
                                                          const QString &author)
{
    return importBoth(records, {}, sourceFile, author);
}

CatalogResult<ImportReport> LabelsCsvImport::importActivity(const QList<ActivityRecord> &records,
                                                            const QString &sourceFile,
                                                            const QString &author)
{
    return importBoth({}, records, sourceFile, author);
}

CatalogResult<ImportReport> LabelsCsvImport::importBoth(const QList<LabelRecord> &labels,
                                                        const QList<ActivityRecord> &activity,
                                                        const QString &sourceFile,
                                                        const QString &author)
{
    ImportReport report;
    report.rowsRead = int(labels.size() + activity.size());
    if (m_keyById.isEmpty() && m_clipByKey.isEmpty()) {
        if (CatalogError error = load(); error.isError())
            return error;
    }
    auto keys = m_library.taxonomy().keys();
    if (!keys)
        return keys.error();
    const QSet<QString> instruments(keys->cbegin(), keys->cend());
    QSet<QString> reportedInstruments;
    QSet<QString> reportedClips;
    auto issue = [&](int row, const QString &message) {
        report.issues.append({sourceFile, row, message});
    };
    auto knownInstrument = [&](const QString &instrument) {
        if (instruments.contains(instrument))
            return true;
        if (!reportedInstruments.contains(instrument)) {
            reportedInstruments.insert(instrument);
            issue(0,
                  QStringLiteral("instrument '%1' is not in the taxonomy; its rows were skipped")
                          .arg(instrument));
        }
        return false;
    };

    // Region clips and labels of one import commit together or not at all.
    CatalogTransaction transaction(m_library.database());
    if (transaction.beginError().isError())
        return transaction.beginError();
    // The in-memory index may hold region clips of a rolled-back attempt: rebuild it then.
    struct ReloadOnFailure
    {
        LabelsCsvImport *self;
        bool committed = false;
        ~ReloadOnFailure()
        {
            if (!committed)
                self->load();
        }
    } reload {this};

    // Last row wins for a repeated (clip, instrument).
    QList<LabelEdit> edits;
    QHash<QPair<qint64, QString>, int> editIndex;
    auto addEdit = [&](qint64 clipId, const QString &instrument, LabelState state) {
        const QPair<qint64, QString> id {clipId, instrument};
        const auto existing = editIndex.constFind(id);
        if (existing != editIndex.cend()) {
            edits[*existing].state = state;
            return;
        }
        editIndex.insert(id, int(edits.size()));
        edits.append(LabelEdit {clipId, instrument, state});
    };

    for (const LabelRecord &record : labels) {
        if (!knownInstrument(record.instrument))
            continue;
        QString why;
        auto clip = resolve(record.clip, true, &why);
        if (!clip)
            return clip.error();
        if (!clip->has_value()) {
            if (!reportedClips.contains(record.clip)) {
                reportedClips.insert(record.clip);
                issue(0, why);
            }
            continue;
        }
        addEdit(**clip, record.instrument, record.state);
    }
    for (const ActivityRecord &record : activity) {
        if (!knownInstrument(record.instrument))
            continue;
        QString why;
        auto parent = resolve(record.clip, false, &why);
        if (!parent)
            return parent.error();
        if (!parent->has_value()) {
            if (!reportedClips.contains(record.clip)) {
                reportedClips.insert(record.clip);
                issue(0, why);
            }
            continue;
        }
        const qint64 trackId = m_trackByClip.value(**parent);
        const qsizetype before = m_regionsByTrack.value(trackId).size();
        auto region = regionClip(trackId, record.start, record.end, true);
        if (!region)
            return region.error();
        if (m_regionsByTrack.value(trackId).size() > before)
            ++report.regionsCreated;
        addEdit(**region, record.instrument, LabelState::Present);
    }
    if (!edits.isEmpty()) {
        auto applied = m_library.labels().apply(
                edits, LabelSource::Import, author,
                QStringLiteral("import %1").arg(QFileInfo(sourceFile).fileName()));
        if (!applied)
            return applied.error();
        report.batchId = applied->batchId;
        report.labelsChanged = int(applied->changes.size());
    }
    if (CatalogError error = transaction.commit(); error.isError())
        return error;
    reload.committed = true;
    return report;
}

} // namespace timbre::datasets
