#pragma once
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QTableView;

namespace timbre::library {
class Library;
class TrackTableModel;
} // namespace timbre::library

namespace timbre::widgets {

// The library browser: a filter line ("violin > 0.7 and unlabelled", free text) over a table of
// tracks with their tags and one column per instrument. The table is read from the catalog on
// a worker thread; the GUI thread only swaps the finished table in.
class LibraryBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit LibraryBrowser(QWidget *parent = nullptr);
    ~LibraryBrowser() override;

    // Shows `library` (shared with the loader thread, which may outlive a quick switch).
    void setLibrary(std::shared_ptr<library::Library> library);
    library::TrackTableModel *model() const { return m_model; }

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void applyFilter();
    void updateCount();

    std::shared_ptr<library::Library> m_library;
    library::TrackTableModel *m_model = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_view = nullptr;
    int m_generation = 0; // drops results of loads started for an earlier library
};

} // namespace timbre::widgets
