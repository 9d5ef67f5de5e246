#pragma once
#include <QMainWindow>

class QLabel;
class QMenu;
class QStackedWidget;

namespace timbre::widgets {
class LibraryBrowser;
}

namespace timbre::gui {

// Assembles the workbench's views, menus and persistent state. No analysis logic here.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Opens a library folder (the catalog lives inside it); returns false and says why in
    // the status bar when the folder cannot be used.
    bool openLibrary(const QString &folder);
    QString libraryFolder() const { return m_libraryFolder; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void rebuildRecentMenu();
    void chooseLibrary();
    void showAbout();

    QString m_libraryFolder;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_libraryLabel = nullptr;
    QLabel *m_startPage = nullptr;
    QStackedWidget *m_pages = nullptr;
    widgets::LibraryBrowser *m_browser = nullptr;
};

} // namespace timbre::gui
