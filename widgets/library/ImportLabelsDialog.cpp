// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/library/ImportLabelsDialog.h"

#include "core/datasets/interchange/LabelsFileImport.h"
#include "core/library/CatalogThreadScope.h"
#include "core/library/Library.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace timbre::widgets {

using datasets::ClipMatch;
using datasets::LabelsRowMatch;

namespace {
enum Column { LineColumn, FileColumn, InstrumentColumn, ValueColumn, MatchColumn, ColumnCount };
}

ImportLabelsDialog::ImportLabelsDialog(std::shared_ptr<library::Library> library, QWidget *parent)
    : QDialog(parent), m_library(std::move(library))
{
    setWindowTitle(tr("Import Labels"));
    setObjectName(QStringLiteral("ImportLabelsDialog"));
    m_author = qEnvironmentVariable("USER");
    if (m_author.isEmpty())
        m_author = QStringLiteral("workbench");

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("ImportLabelsPath"));
    m_path->setPlaceholderText(tr("A CSV file with one row per file and instrument"));
    connect(m_path, &QLineEdit::editingFinished, this, [this] {
        if (!m_importing)
            previewAsync();
    });
    auto *choose = new QPushButton(tr("&Choose…"), this);
    connect(choose, &QPushButton::clicked, this, &ImportLabelsDialog::chooseFile);
    auto *fileRow = new QHBoxLayout;
    auto *fileLabel = new QLabel(tr("&Labels file:"), this);
    fileLabel->setBuddy(m_path);
    fileRow->addWidget(fileLabel);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(choose);

    auto *hint = new QLabel(
            tr("Columns are found by their header: the file (file, path, track, clip or "
               "clip_key: a file name, a path relative to an audio folder, or a clip key), the "
               "instrument (instrument, label_name) and the value (present, value, label or "
               "relevance: 1/0, present/absent, empty for unknown). Names that fit several "
               "tracks are skipped, never guessed."),
            this);
    hint->setWordWrap(true);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("ImportLabelsPreview"));
    m_table->setHorizontalHeaderLabels(
            {tr("Line"), tr("File"), tr("Instrument"), tr("Value"), tr("Match")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    m_summary = new QLabel(tr("Choose a labels file to see how its rows match the library."),
                           this);
    m_summary->setObjectName(QStringLiteral("ImportLabelsSummary"));
    m_summary->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("ImportLabelsError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("ImportLabelsButton"));
    m_import->setEnabled(false);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_import, &QPushButton::clicked, this, &ImportLabelsDialog::importAsync);
    connect(m_cancel, &QPushButton::clicked, this, &ImportLabelsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addWidget(hint);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(980, 620);
}

ImportLabelsDialog::~ImportLabelsDialog() = default;

QString ImportLabelsDialog::file() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

QString ImportLabelsDialog::summaryText() const
{
    return m_summary->text();
}

QString ImportLabelsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ImportLabelsDialog::setFile(const QString &path)
{
    m_path->setText(QDir::toNativeSeparators(path));
    previewAsync();
}

void ImportLabelsDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
            this, tr("Import Labels"), QFileInfo(file()).absolutePath(),
            tr("Labels (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        setFile(path);
}

void ImportLabelsDialog::previewAsync()
{
    const QString path = file();
    const int generation = ++m_generation;
    m_import->setEnabled(false);
    m_table->setRowCount(0);
    m_counts = {};
    m_error->hide();
    if (path.isEmpty() || !m_library)
        return;
    m_summary->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    using Result = library::CatalogResult<datasets::LabelsPreview>;
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // the file changed meanwhile
        const Result result = watcher->result();
        if (!result) {
            m_summary->clear();
            showError(result.error().message);
        } else {
            showPreview(*result);
        }
        Q_EMIT previewReady();
    });
    std::shared_ptr<library::Library> lib = m_library;
    watcher->setFuture(QtConcurrent::run([lib, path] {
        const library::CatalogThreadScope catalogScope(lib->database());
        return datasets::LabelsFileImport::previewBlocking(*lib, path, kPreviewRows);
    }));
}

void ImportLabelsDialog::showPreview(const datasets::LabelsPreview &preview)
{
    m_counts = preview.counts;
    const QColor problem(0xb0, 0x00, 0x20);
    m_table->setRowCount(int(preview.rows.size()));
    for (int r = 0; r < preview.rows.size(); ++r) {
        const LabelsRowMatch &row = preview.rows[r];
        auto set = [&](int column, const QString &text, const QString &tip = QString()) {
            auto *item = new QTableWidgetItem(text);
            item->setToolTip(tip.isEmpty() ? text : tip);
            m_table->setItem(r, column, item);
            return item;
        };
        auto *line = set(LineColumn, QString::number(row.line));
        line->setData(Qt::TextAlignmentRole, int(Qt::AlignRight | Qt::AlignVCenter));
        set(FileColumn, row.clip);
        set(InstrumentColumn, row.instrument);
        QString value;
        if (row.status != LabelsRowMatch::Status::Unreadable) {
            value = row.state == library::LabelState::Present
                    ? tr("present")
                    : (row.state == library::LabelState::Absent ? tr("absent") : tr("unknown"));
        }
        set(ValueColumn, value);
        QString tip = row.trackPath;
        if (row.status == LabelsRowMatch::Status::Ambiguous)
            tip = row.match.candidates.join(QLatin1Char('\n'));
        auto *match = set(MatchColumn, matchText(row), QDir::toNativeSeparators(tip));
        if (row.status != LabelsRowMatch::Status::Matched)
            match->setForeground(problem);
    }
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(FileColumn, qMin(m_table->columnWidth(FileColumn), 320));

    const datasets::LabelsImportCounts &c = preview.counts;
    QStringList parts;
    parts << tr("%1 of %2 rows match a clip of the library and would be imported.")
                     .arg(c.matched)
                     .arg(c.rows);
    QStringList skipped;
    if (c.unmatched > 0)
        skipped << tr("%1 name no clip").arg(c.unmatched);
    if (c.ambiguous > 0)
        skipped << tr("%1 name a file several tracks share").arg(c.ambiguous);
    if (c.unknownInstrument > 0)
        skipped << tr("%1 name an instrument not in the taxonomy").arg(c.unknownInstrument);
    if (c.unreadable > 0)
        skipped << tr("%1 cannot be read").arg(c.unreadable);
    if (!skipped.isEmpty())
        parts << tr("Skipped: %1.").arg(skipped.join(QLatin1String(", ")));
    if (preview.rows.size() < c.rows)
        parts << tr("The table shows the first %1 rows.").arg(preview.rows.size());
    m_summary->setText(parts.join(QLatin1Char(' ')));
    if (!preview.refusal.isEmpty()) {
        showError(tr("%1 cannot be imported: %2")
                          .arg(QFileInfo(preview.file).fileName(), preview.refusal));
    }
    m_import->setEnabled(c.matched > 0 && preview.refusal.isEmpty());
}

QString ImportLabelsDialog::ruleText(const ClipMatch &match) const
{
    switch (match.rule) {
    case ClipMatch::Rule::ClipKey:
        return tr("by clip key");
    case ClipMatch::Rule::Path:
        return tr("by path");
    case ClipMatch::Rule::RelativeToFile:
        return tr("by path relative to the labels file");
    case ClipMatch::Rule::RelativePath:
        return tr("by relative path");
    case ClipMatch::Rule::FileName:
        return tr("by file name");
    case ClipMatch::Rule::BaseName:
        return tr("by name without extension");
    case ClipMatch::Rule::Region:
        return tr("a region");
    case ClipMatch::Rule::None:
        break;
    }
    return QString();
}

QString ImportLabelsDialog::matchText(const LabelsRowMatch &row) const
{
    switch (row.status) {
    case LabelsRowMatch::Status::Matched:
    case LabelsRowMatch::Status::UnknownInstrument: {
        QString clip = row.clipKey;
        if (!row.trackTitle.isEmpty() && row.trackTitle != row.clipKey)
            clip = tr("%1 — %2").arg(row.clipKey, row.trackTitle);
        if (row.status == LabelsRowMatch::Status::UnknownInstrument)
            return tr("%1, but the instrument is not in the taxonomy").arg(clip);
        if (row.match.rule == ClipMatch::Rule::Region && row.match.clipId == 0)
            return tr("%1 (a new region)").arg(clip);
        return tr("%1 (%2)").arg(clip, ruleText(row.match));
    }
    case LabelsRowMatch::Status::Unmatched:
        return tr("No clip of the library has this name");
    case LabelsRowMatch::Status::Ambiguous:
        return tr("Ambiguous: %1 tracks have this name").arg(row.match.candidateCount);
    case LabelsRowMatch::Status::Unreadable:
        return tr("Cannot be read: %1").arg(row.message);
    }
    return QString();
}

void ImportLabelsDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
    Q_EMIT failed(message);
}

void ImportLabelsDialog::importAsync()
{
    const QString path = file();
    if (path.isEmpty() || !m_library || m_importing)
        return;
    m_importing = true;
    m_import->setEnabled(false);
    m_cancel->setEnabled(false);
    m_path->setEnabled(false);
    m_error->hide();
    m_summary->setText(tr("Importing %1…").arg(QFileInfo(path).fileName()));
    using Result = library::CatalogResult<datasets::ImportReport>;
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        m_importing = false;
        m_cancel->setEnabled(true);
        m_path->setEnabled(true);
        const Result result = watcher->result();
        if (!result) {
            m_import->setEnabled(true);
            m_summary->clear();
            showError(tr("Cannot import %1: %2")
                              .arg(QFileInfo(path).fileName(), result.error().message));
            return;
        }
        const QString summary
                = tr("Imported %1: %2 of %3 rows matched, %4 labels changed.")
                          .arg(QFileInfo(path).fileName())
                          .arg(result->counts.matched)
                          .arg(result->counts.rows)
                          .arg(result->labelsChanged);
        Q_EMIT imported(summary);
        accept();
    });
    std::shared_ptr<library::Library> lib = m_library;
    const QString author = m_author;
    watcher->setFuture(QtConcurrent::run([lib, path, author] {
        const library::CatalogThreadScope catalogScope(lib->database());
        return datasets::LabelsFileImport::importBlocking(*lib, path, author);
    }));
}

void ImportLabelsDialog::reject()
{
    if (m_importing)
        return; // the write finishes either way; its result must reach the window
    QDialog::reject();
}

} // namespace timbre::widgets
