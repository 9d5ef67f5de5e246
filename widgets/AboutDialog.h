// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QDialog>

namespace timbre::widgets {

// Help > About: what the workbench is, and the library versions it runs with.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace timbre::widgets
