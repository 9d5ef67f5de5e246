// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/LabelsFileImport.h"

#include "core/library/Library.h"

#include <QFileInfo>

namespace timbre::datasets {

using namespace timbre::library;

namespace {

// Reads the file; a file that cannot be used at all is an error naming it.
CatalogResult<LabelsCsvData> readFile(const QString &path)
{
    LabelsCsvData data;
    QString error;
    if (!QFileInfo(path).isFile())
        return CatalogError::make(CatalogError::Io, path,
                                  QStringLiteral("%1: file not found").arg(path));
    if (!LabelsCsv::read(path, &data, &error))
        return CatalogError::make(error.contains(QLatin1String(":1:")) ? CatalogError::ParseError
                                                                       : CatalogError::Io,
                                  path, error);
    if (data.records.isEmpty() && data.issues.isEmpty())
        return CatalogError::make(CatalogError::InvalidArgument, path,
                                  QStringLiteral("%1: no label rows below the header").arg(path));
    return data;
}

// The reader's unreadable rows (line numbers) of `path`: the first kBadRowsListed, then a count.
QList<DatasetIssue> listedBadRows(const QList<DatasetIssue> &issues, const QString &path)
{
    QList<DatasetIssue> out;
    int bad = 0;
    for (const DatasetIssue &issue : issues) {
        if (issue.file != path || issue.line <= 0)
            continue;
        if (++bad <= LabelsFileImport::kBadRowsListed)
            out.append(issue);
    }
    if (bad > LabelsFileImport::kBadRowsListed)
        out.append({path, 0,
                    QStringLiteral("%1 more unreadable rows were skipped")
                            .arg(bad - LabelsFileImport::kBadRowsListed)});
    return out;
}

} // namespace

CatalogResult<LabelsPreview> LabelsFileImport::previewBlocking(const Library &library,
                                                               const QString &csvPath,
                                                               int keepRows)
{
    auto data = readFile(csvPath);
    if (!data)
        return data.error();
    LabelsCsvImport importer(library);
    importer.setLabelsFolder(QFileInfo(csvPath).absolutePath());
    if (CatalogError error = importer.load(); error.isError())
        return error;
    auto preview = importer.preview(data->records, data->issues, csvPath, keepRows);
    if (!preview)
        return preview.error();
    preview->issues = listedBadRows(data->issues, csvPath) + preview->issues;
    return preview;
}

CatalogResult<ImportReport> LabelsFileImport::importBlocking(const Library &library,
                                                             const QString &csvPath,
                                                             const QString &author)
{
    auto data = readFile(csvPath);
    if (!data)
        return data.error();
    LabelsCsvImport importer(library);
    importer.setLabelsFolder(QFileInfo(csvPath).absolutePath());
    if (CatalogError error = importer.load(); error.isError())
        return error;
    // Refused as a whole (nothing matched, nothing readable): the message counts every row
    // of the file, unreadable ones included, as the preview does.
    auto preview = importer.preview(data->records, data->issues, csvPath, 0);
    if (!preview)
        return preview.error();
    if (!preview->refusal.isEmpty())
        return CatalogError::make(CatalogError::InvalidArgument, csvPath,
                                  QStringLiteral("%1: %2").arg(csvPath, preview->refusal));
    auto report = importer.importLabels(data->records, csvPath, author);
    if (!report)
        return report.error();
    report->counts.rows += preview->counts.unreadable;
    report->counts.unreadable = preview->counts.unreadable;
    QList<DatasetIssue> others; // the mask file's, if any
    for (const DatasetIssue &issue : std::as_const(data->issues)) {
        if (issue.file != csvPath || issue.line <= 0)
            others.append(issue);
    }
    report->issues = listedBadRows(data->issues, csvPath) + others + report->issues;
    return report;
}

} // namespace timbre::datasets
