// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/AboutDialog.h"

#include "core/util/LibraryVersions.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace timbre::widgets {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About Timbre Workbench"));
    auto *layout = new QVBoxLayout(this);

    auto *title = new QLabel(
            QStringLiteral("<h2>Timbre Workbench %1</h2>").arg(QApplication::applicationVersion()));
    layout->addWidget(title);

    auto *blurb = new QLabel(
            tr("Finds which instruments play in each track of a music library and where, lets "
               "you correct the model's weak and missing labels, and retrains a Mean Teacher "
               "model on your corrections in the background.<br><br>Methods after S. Gururani, "
               "<i>Musical instrument classification with weak and partial labels</i>."));
    blurb->setWordWrap(true);
    blurb->setMinimumWidth(420);
    layout->addWidget(blurb);

    auto *versions = new QFormLayout;
    for (const auto &[name, version] : libraryVersions())
        versions->addRow(name + QLatin1Char(':'), new QLabel(version));
    layout->addLayout(versions);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace timbre::widgets
