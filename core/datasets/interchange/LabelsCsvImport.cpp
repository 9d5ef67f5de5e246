// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/LabelsCsvImport.h"

#include "core/datasets/interchange/LabelsCsvColumns.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/Taxonomy.h"
#include "core/library/TrackStore.h"

#include <QFileInfo>
#include <QSet>

#include <cmath>

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
    if (!okStart || !okEnd || !std::isfinite(start) || !std::isfinite(end) || start < 0
        || end <= start) // "#nan-nan" passed without isfinite (found by fuzzing)
        return false;
    *parent = key.left(hash);
    *startS = start;
    *endS = end;
    return true;
}

CatalogResult<std::optional<LabelsCsvImport::ClipAndKey>>
LabelsCsvImport::wholeTrackClipAt(const Library &library, const QString &absolutePath)
{
    auto track = library.tracks().findByPath(absolutePath);
    if (!track)
        return track.error();
    if (!*track)
        return std::optional<ClipAndKey>();
    auto clipId = library.clips().wholeTrackClip((*track)->id);
    if (!clipId)
        return clipId.error();
    if (!*clipId)
        return std::optional<ClipAndKey>();
    auto clip = library.clips().findById(**clipId);
    if (!clip)
        return clip.error();
    ClipAndKey out;
    out.clipId = **clipId;
    // The naming rule of load(): the clip's key, else a base name no other track has, else
    // the path.
    out.key = *clip && !(*clip)->key.isEmpty() ? (*clip)->key : QString();
    if (out.key.isEmpty()) {
        const QString base = QFileInfo(absolutePath).completeBaseName();
        auto sharing = library.tracks().countWithBaseName(base);
        if (!sharing)
            return sharing.error();
        out.key = *sharing == 1 ? base : absolutePath;
    }
    return std::optional<ClipAndKey>(out);
}

CatalogError LabelsCsvImport::load()
{
    m_clipByKey.clear();
    m_keyById.clear();
    m_trackByClip.clear();
    m_wholeClipByTrack.clear();
    m_regionsByTrack.clear();
    m_names.clear();
    m_trackInfo.clear();
    auto tracks = m_library.tracks().list();
    if (!tracks)
        return tracks.error();
    auto clips = m_library.clips().list();
    if (!clips)
        return clips.error();

    QHash<QString, int> baseNameCount;
    for (const TrackRecord &track : *tracks) {
        m_trackInfo.insert(track.id, {track.path, track.title});
        ++baseNameCount[QFileInfo(track.path).completeBaseName()];
    }
    // Whole-track clips first: region names are built from them.
    for (const ClipRecord &clip : *clips) {
        m_trackByClip.insert(clip.id, clip.trackId);
        if (!clip.isWholeTrack())
            continue;
        m_wholeClipByTrack.insert(clip.trackId, clip.id);
        const QString path = m_trackInfo.value(clip.trackId).path;
        const QString base = QFileInfo(path).completeBaseName();
        QString name = clip.key;
        if (name.isEmpty())
            name = baseNameCount.value(base) == 1 ? base : path;
        m_keyById.insert(clip.id, name);
        m_names.add(clip.id, path); // paths, file names and base names
        if (!clip.key.isEmpty())
            m_clipByKey.insert(clip.key, clip.id);
    }
    for (const ClipRecord &clip : *clips) {
        if (clip.isWholeTrack())
            continue;
        m_regionsByTrack[clip.trackId].append({clip.id, {clip.startS, *clip.endS}});
        const qint64 parent = m_wholeClipByTrack.value(clip.trackId);
        const QString parentKey =
                parent ? m_keyById.value(parent) : m_trackInfo.value(clip.trackId).path;
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

CatalogResult<ClipMatch> LabelsCsvImport::match(const QString &key, bool createRegions)
{
    ClipMatch result;
    const auto direct = m_clipByKey.constFind(key);
    if (direct != m_clipByKey.cend()) {
        result.outcome = ClipMatch::Outcome::Matched;
        result.rule = ClipMatch::Rule::ClipKey;
        result.clipId = *direct;
        return result;
    }
    result = m_names.match(key, m_labelsFolder);
    if (result.outcome != ClipMatch::Outcome::Unmatched)
        return result;
    QString parent;
    double start = 0;
    double end = 0;
    if (!parseRegionKey(key, &parent, &start, &end))
        return result;
    auto whole = match(parent, false);
    if (!whole)
        return whole;
    if (!whole->matched() || whole->rule == ClipMatch::Rule::Region) {
        // Said of the region key: its whole-track part is unknown or ambiguous.
        whole->rule = ClipMatch::Rule::Region;
        if (whole->outcome == ClipMatch::Outcome::Matched)
            whole->outcome = ClipMatch::Outcome::Unmatched; // a region of a region
        whole->clipId = 0;
        return whole;
    }
    auto region = regionClip(m_trackByClip.value(whole->clipId), start, end, createRegions);
    if (!region)
        return region.error();
    result.outcome = ClipMatch::Outcome::Matched;
    result.rule = ClipMatch::Rule::Region;
    result.clipId = region->value_or(0);
    return result;
}

QString LabelsCsvImport::describe(const QString &key, const ClipMatch &match)
{
    if (match.outcome == ClipMatch::Outcome::Ambiguous)
        return QStringLiteral("'%1' is ambiguous: %2 tracks match (%3%4); name it by a longer "
                              "path")
                .arg(key)
                .arg(match.candidateCount)
                .arg(match.candidates.join(QLatin1String(", ")),
                     match.candidateCount > match.candidates.size() ? QStringLiteral(", …")
                                                                    : QString());
    if (match.matched() && match.clipId == 0)
        return QStringLiteral("no region clip '%1'").arg(key);
    if (match.rule == ClipMatch::Rule::Region)
        return QStringLiteral("unknown clip '%1' (its whole-track name matches no clip)").arg(key);
    return QStringLiteral("unknown clip '%1' (no clip key, file name, relative or absolute path "
                          "matches)")
            .arg(key);
}

CatalogResult<std::optional<qint64>> LabelsCsvImport::resolve(const QString &key,
                                                              bool createRegions, QString *why)
{
    auto found = match(key, createRegions);
    if (!found)
        return found.error();
    if (found->matched() && found->clipId > 0)
        return std::optional<qint64>(found->clipId);
    *why = describe(key, *found);
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

CatalogResult<QHash<QString, QString>> LabelsCsvImport::instrumentNames() const
{
    auto instruments = m_library.taxonomy().instruments();
    if (!instruments)
        return instruments.error();
    // Keys first so that a display name never shadows another instrument's key.
    QHash<QString, QString> names;
    for (const Instrument &instrument : std::as_const(*instruments)) {
        names.insert(instrument.key, instrument.key);
        names.insert(LabelsCsvColumns::normalized(instrument.key), instrument.key);
    }
    for (const Instrument &instrument : std::as_const(*instruments)) {
        const QString name = LabelsCsvColumns::normalized(instrument.displayName);
        if (!name.isEmpty() && !names.contains(name))
            names.insert(name, instrument.key);
    }
    return names;
}

void LabelsCsvImport::describeClip(qint64 clipId, LabelsRowMatch *row) const
{
    const TrackInfo info = m_trackInfo.value(m_trackByClip.value(clipId));
    row->clipKey = m_keyById.value(clipId);
    row->trackTitle = info.title;
    row->trackPath = info.path;
}

CatalogResult<QList<LabelsRowMatch>> LabelsCsvImport::matchRows(const QList<LabelRecord> &records,
                                                                bool createRegions)
{
    if (m_keyById.isEmpty() && m_clipByKey.isEmpty()) {
        if (CatalogError error = load(); error.isError())
            return error;
    }
    auto instruments = instrumentNames();
    if (!instruments)
        return instruments.error();
    QList<LabelsRowMatch> rows;
    rows.reserve(records.size());
    // Files repeat each clip once per instrument: match each name once.
    QHash<QString, ClipMatch> seen;
    for (const LabelRecord &record : records) {
        LabelsRowMatch row;
        row.line = record.line;
        row.clip = record.clip;
        row.instrument = record.instrument;
        row.state = record.state;
        const QString key = instruments->value(
                record.instrument,
                instruments->value(LabelsCsvColumns::normalized(record.instrument)));
        // A region clip is made only for a row that will label it.
        const bool create = createRegions && !key.isEmpty();
        auto cached = seen.constFind(record.clip);
        if (cached == seen.cend() || (create && cached->matched() && cached->clipId == 0)) {
            auto found = match(record.clip, create);
            if (!found)
                return found.error();
            cached = seen.insert(record.clip, *found);
        }
        row.match = *cached;
        if (row.match.outcome == ClipMatch::Outcome::Unmatched) {
            row.status = LabelsRowMatch::Status::Unmatched;
        } else if (row.match.outcome == ClipMatch::Outcome::Ambiguous) {
            row.status = LabelsRowMatch::Status::Ambiguous;
        } else {
            if (row.match.clipId > 0)
                describeClip(row.match.clipId, &row);
            else
                row.clipKey = record.clip; // a region clip importing would create
            row.instrumentKey = key;
            row.status = key.isEmpty() ? LabelsRowMatch::Status::UnknownInstrument
                                       : LabelsRowMatch::Status::Matched;
        }
        rows.append(row);
    }
    return rows;
}

namespace {

QString example(const LabelsRowMatch &row)
{
    return row.line > 0 ? QStringLiteral("line %1 '%2'").arg(row.line).arg(row.clip)
                        : QStringLiteral("'%1'").arg(row.clip);
}

// Counts, one issue per kind of problem (count + the first few rows), and whether importing
// would be refused as a whole.
void summarise(const QList<LabelsRowMatch> &rows, const QList<DatasetIssue> &unreadable,
               const QString &file, LabelsImportCounts *counts, QList<DatasetIssue> *issues,
               QString *refusal)
{
    constexpr int kExamples = 3;
    constexpr int kInstrumentsNamed = 10;
    *counts = {};
    counts->rows = int(rows.size() + unreadable.size());
    counts->unreadable = int(unreadable.size());
    QList<const LabelsRowMatch *> unmatched;
    QList<const LabelsRowMatch *> ambiguous;
    QStringList unknownOrder;
    QHash<QString, QList<int>> unknownLines;
    for (const LabelsRowMatch &row : rows) {
        switch (row.status) {
        case LabelsRowMatch::Status::Matched:
            ++counts->matched;
            break;
        case LabelsRowMatch::Status::Unreadable:
            break;
        case LabelsRowMatch::Status::Unmatched:
            ++counts->unmatched;
            unmatched.append(&row);
            break;
        case LabelsRowMatch::Status::Ambiguous:
            ++counts->ambiguous;
            ambiguous.append(&row);
            break;
        case LabelsRowMatch::Status::UnknownInstrument:
            ++counts->unknownInstrument;
            if (!unknownLines.contains(row.instrument))
                unknownOrder.append(row.instrument);
            unknownLines[row.instrument].append(row.line);
            break;
        }
    }
    // The first few rows of a kind, one per distinct name.
    auto examples = [&](const QList<const LabelsRowMatch *> &list, bool withCandidates) {
        QStringList out;
        QSet<QString> names;
        for (const LabelsRowMatch *row : list) {
            if (names.contains(row->clip))
                continue;
            names.insert(row->clip);
            QString text = example(*row);
            if (withCandidates)
                text += QStringLiteral(" (%1 tracks: %2)")
                                .arg(row->match.candidateCount)
                                .arg(row->match.candidates.join(QLatin1String(", ")));
            out << text;
            if (out.size() == kExamples)
                break;
        }
        return out.join(QLatin1String("; "));
    };
    if (unmatched.size() == 1)
        issues->append({file, unmatched.first()->line,
                        LabelsCsvImport::describe(unmatched.first()->clip,
                                                  unmatched.first()->match)});
    else if (!unmatched.isEmpty())
        issues->append({file, 0,
                        QStringLiteral("%1 of %2 rows name no clip of the library and were "
                                       "skipped, first: %3")
                                .arg(unmatched.size())
                                .arg(counts->rows)
                                .arg(examples(unmatched, false))});
    if (ambiguous.size() == 1)
        issues->append({file, ambiguous.first()->line,
                        LabelsCsvImport::describe(ambiguous.first()->clip,
                                                  ambiguous.first()->match)});
    else if (!ambiguous.isEmpty())
        issues->append({file, 0,
                        QStringLiteral("%1 rows name a file several tracks share and were "
                                       "skipped rather than guessed, first: %2")
                                .arg(ambiguous.size())
                                .arg(examples(ambiguous, true))});
    for (int i = 0; i < unknownOrder.size() && i < kInstrumentsNamed; ++i) {
        const QList<int> lines = unknownLines.value(unknownOrder[i]);
        QStringList shown;
        for (int k = 0; k < lines.size() && k < kExamples; ++k)
            shown << QString::number(lines[k]);
        if (lines.size() > kExamples)
            shown << QStringLiteral("…");
        const bool numbered = !lines.isEmpty() && lines.first() > 0;
        issues->append({file, numbered ? lines.first() : 0,
                        QStringLiteral("instrument '%1' is not in the taxonomy; its %2 row(s) "
                                       "were skipped%3")
                                .arg(unknownOrder[i])
                                .arg(lines.size())
                                .arg(numbered ? QStringLiteral(" (lines %1)")
                                                        .arg(shown.join(QLatin1String(", ")))
                                              : QString())});
    }
    if (unknownOrder.size() > kInstrumentsNamed)
        issues->append({file, 0,
                        QStringLiteral("%1 more instruments not in the taxonomy were skipped")
                                .arg(unknownOrder.size() - kInstrumentsNamed)});

    refusal->clear();
    if (counts->rows == 0 || counts->matched > 0)
        return;
    if (!unmatched.isEmpty() || !ambiguous.isEmpty()) {
        if (counts->unknownInstrument == 0) {
            const LabelsRowMatch *first = !unmatched.isEmpty() ? unmatched.first()
                                                               : ambiguous.first();
            *refusal = QStringLiteral("none of the %1 rows matched a clip of the library; first "
                                      "unmatched: %2")
                               .arg(counts->rows)
                               .arg((first->line > 0 ? QStringLiteral("line %1: ").arg(first->line)
                                                     : QString())
                                    + LabelsCsvImport::describe(first->clip, first->match));
            return;
        }
    }
    if (counts->unknownInstrument > 0) {
        *refusal = QStringLiteral("none of the %1 rows names an instrument of the library's "
                                  "taxonomy (found: %2)")
                           .arg(counts->rows)
                           .arg(unknownOrder.mid(0, kInstrumentsNamed).join(QLatin1String(", ")));
        return;
    }
    if (!unreadable.isEmpty())
        *refusal = QStringLiteral("none of the %1 rows could be read; first: line %2: %3")
                           .arg(counts->rows)
                           .arg(unreadable.first().line)
                           .arg(unreadable.first().message);
}

} // namespace

CatalogResult<LabelsPreview> LabelsCsvImport::preview(const QList<LabelRecord> &records,
                                                      const QList<DatasetIssue> &readIssues,
                                                      const QString &sourceFile, int keepRows)
{
    auto rows = matchRows(records, false);
    if (!rows)
        return rows.error();
    LabelsPreview preview;
    preview.file = sourceFile;
    QList<DatasetIssue> unreadable;
    for (const DatasetIssue &issue : readIssues) {
        if (issue.file == sourceFile && issue.line > 0)
            unreadable.append(issue);
        else
            preview.issues.append(issue);
    }
    summarise(*rows, unreadable, sourceFile, &preview.counts, &preview.issues, &preview.refusal);
    // The first rows in file order, unreadable ones where they stand.
    int u = 0;
    for (int r = 0; r < rows->size() || u < unreadable.size();) {
        if (preview.rows.size() >= keepRows)
            break;
        if (u < unreadable.size() && (r >= rows->size() || unreadable[u].line < rows->at(r).line)) {
            LabelsRowMatch bad;
            bad.line = unreadable[u].line;
            bad.status = LabelsRowMatch::Status::Unreadable;
            bad.message = unreadable[u].message;
            preview.rows.append(bad);
            ++u;
        } else {
            preview.rows.append(rows->at(r));
            ++r;
        }
    }
    return preview;
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

    auto labelRows = matchRows(labels, true);
    if (!labelRows)
        return labelRows.error();
    QList<LabelsRowMatch> rows = *labelRows;
    for (const LabelsRowMatch &row : std::as_const(rows)) {
        if (row.status == LabelsRowMatch::Status::Matched)
            addEdit(row.match.clipId, row.instrumentKey, row.state);
    }
    // Strong labels: the row's whole-track clip, then the region clip of its span.
    QList<LabelRecord> activityClips;
    for (const ActivityRecord &record : activity)
        activityClips.append(LabelRecord {record.clip, record.instrument, LabelState::Present, 0});
    auto activityRows = matchRows(activityClips, false);
    if (!activityRows)
        return activityRows.error();
    for (qsizetype i = 0; i < activity.size(); ++i) {
        LabelsRowMatch &row = (*activityRows)[i];
        if (row.status == LabelsRowMatch::Status::Matched && row.match.clipId == 0) {
            // A region key without its region clip: not a track to put a span on.
            row.status = LabelsRowMatch::Status::Unmatched;
            row.match.outcome = ClipMatch::Outcome::Unmatched;
        }
        if (row.status != LabelsRowMatch::Status::Matched)
            continue;
        const ActivityRecord &record = activity[i];
        const qint64 trackId = m_trackByClip.value(row.match.clipId);
        const qsizetype before = m_regionsByTrack.value(trackId).size();
        auto region = regionClip(trackId, record.start, record.end, true);
        if (!region)
            return region.error();
        if (m_regionsByTrack.value(trackId).size() > before)
            ++report.regionsCreated;
        addEdit(**region, row.instrumentKey, LabelState::Present);
    }
    rows += *activityRows;
    QString refusal;
    summarise(rows, {}, sourceFile, &report.counts, &report.issues, &refusal);
    if (!refusal.isEmpty())
        return CatalogError::make(CatalogError::InvalidArgument, sourceFile,
                                  QStringLiteral("%1: %2").arg(sourceFile, refusal));
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
