// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/LabelsImportPlan.h"

#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace timbre::library {
class Library;
}

namespace timbre::widgets {

// File > Import Labels…: a labels CSV of the user's own into the open library. Choosing a
// file shows, before anything is written, how its first rows match the library (the clip and
// track each names, or why it names none) and how many rows match in all; Import writes the
// matched rows as one label batch (source Import: all or nothing). Reading, matching and
// writing run on the thread pool (LabelsFileImport), never on the GUI thread; a preview that
// finishes after the file was changed again is dropped. While an import runs the dialog
// cannot be closed, so that its result is never lost.
class ImportLabelsDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kPreviewRows = 200;

    ImportLabelsDialog(std::shared_ptr<library::Library> library, QWidget *parent = nullptr);
    ~ImportLabelsDialog() override;

    // Shows the preview of `path` (read in the background; previewReady() when shown).
    void setFile(const QString &path);
    QString file() const;

    // The last preview shown (empty counts before one).
    const datasets::LabelsImportCounts &previewCounts() const { return m_counts; }
    QTableWidget *previewTable() const { return m_table; }
    QPushButton *importButton() const { return m_import; }
    QString summaryText() const;
    QString errorText() const;

    void reject() override;

Q_SIGNALS:
    void previewReady();
    // The labels were written; `summary` says how many (for the status bar).
    void imported(const QString &summary);
    // Reading or writing failed; the dialog shows `message` and stays open.
    void failed(const QString &message);

private:
    void chooseFile();
    void previewAsync();
    void importAsync();
    void showPreview(const datasets::LabelsPreview &preview);
    void showError(const QString &message);
    QString matchText(const datasets::LabelsRowMatch &row) const;
    QString ruleText(const datasets::ClipMatch &match) const;

    std::shared_ptr<library::Library> m_library;
    QString m_author;
    QLineEdit *m_path = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_cancel = nullptr;
    datasets::LabelsImportCounts m_counts;
    int m_generation = 0; // previews started; an older one's result is dropped
    bool m_importing = false;
};

} // namespace timbre::widgets
