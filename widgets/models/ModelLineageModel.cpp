// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/models/ModelLineageModel.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <cmath>
#include <limits>

namespace timbre::widgets {

namespace {

// Version indices travel in QModelIndex::internalId, shifted so that 0 stays "no version".
quintptr idOf(int version)
{
    return quintptr(version) + 1;
}

QString metric(double value)
{
    return std::isfinite(value) ? QLocale().toString(value, 'f', 3) : QStringLiteral("-");
}

} // namespace

ModelLineageModel::ModelLineageModel(QObject *parent) : QAbstractItemModel(parent) { }

void ModelLineageModel::setLineage(library::ModelLineage lineage)
{
    beginResetModel();
    m_lineage = std::move(lineage);
    m_rowOf = QList<int>(m_lineage.size(), 0);
    const auto &versions = m_lineage.versions();
    for (int r = 0; r < m_lineage.roots().size(); ++r)
        m_rowOf[m_lineage.roots().at(r)] = r;
    for (const library::LineageVersion &v : versions)
        for (int r = 0; r < v.children.size(); ++r)
            m_rowOf[v.children.at(r)] = r;
    endResetModel();
}

QModelIndex ModelLineageModel::indexOfModel(qint64 modelId, int column) const
{
    const int i = m_lineage.indexOf(modelId);
    if (i < 0)
        return {};
    return createIndex(m_rowOf.at(i), column, idOf(i));
}

const library::LineageVersion *ModelLineageModel::versionAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == 0)
        return nullptr;
    const int i = int(index.internalId() - 1);
    return i < m_lineage.size() ? &m_lineage.versions().at(i) : nullptr;
}

qint64 ModelLineageModel::modelIdAt(const QModelIndex &index) const
{
    const library::LineageVersion *v = versionAt(index);
    return v ? v->model.id : 0;
}

QModelIndex ModelLineageModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const QList<int> *rows = &m_lineage.roots();
    if (parent.isValid()) {
        const library::LineageVersion *p = versionAt(parent);
        if (!p)
            return {};
        rows = &p->children;
    }
    if (row >= rows->size())
        return {};
    return createIndex(row, column, idOf(rows->at(row)));
}

QModelIndex ModelLineageModel::parent(const QModelIndex &child) const
{
    const library::LineageVersion *v = versionAt(child);
    if (!v || v->parent < 0)
        return {};
    return createIndex(m_rowOf.at(v->parent), 0, idOf(v->parent));
}

int ModelLineageModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_lineage.roots().size());
    if (parent.column() != 0)
        return 0;
    const library::LineageVersion *v = versionAt(parent);
    return v ? int(v->children.size()) : 0;
}

int ModelLineageModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString ModelLineageModel::displayText(const library::LineageVersion &v, int column) const
{
    const QLocale locale;
    switch (column) {
    case NameColumn:
        // The marker keeps the active version findable where bold is hard to see.
        return v.model.active ? QStringLiteral("\u25CF ") + v.model.name : v.model.name;
    case KindColumn:
        return v.model.kind;
    case ExtractorColumn:
        return v.extractorKey().isEmpty() ? QStringLiteral("-") : v.extractorKey();
    case CreatedColumn:
        // The date only: the time is in the tooltip.
        return locale.toString(QDateTime::fromMSecsSinceEpoch(v.model.createdMs).date(),
                               QLocale::ShortFormat);
    case LabelsSeenColumn:
        return v.labelsSeen >= 0 ? locale.toString(v.labelsSeen) : QStringLiteral("-");
    case ChangedSinceColumn:
        return locale.toString(v.labelsChangedSince);
    case TestAurocColumn:
        return metric(v.testAuroc);
    case TestF1Column:
        return metric(v.testF1);
    case NoteColumn:
        // One line in the tree; the tooltip has all of it.
        return v.model.note.section(QLatin1Char('\n'), 0, 0);
    }
    return {};
}

QString ModelLineageModel::toolTip(const library::LineageVersion &v, int column) const
{
    switch (column) {
    case NameColumn: {
        QString tip = tr("Version %1 \u201C%2\u201D").arg(v.model.id).arg(v.model.name);
        if (v.model.active)
            tip += QLatin1Char('\n') + tr("The active version: the library's predictions are its.");
        if (v.parent >= 0)
            tip += QLatin1Char('\n')
                    + tr("Trained from \u201C%1\u201D")
                              .arg(m_lineage.versions().at(v.parent).model.name);
        tip += QLatin1Char('\n') + tr("Checkpoint: %1").arg(v.model.checkpointFile);
        return tip;
    }
    case LabelsSeenColumn:
        return v.labelsSeen >= 0
                ? tr("%n known label(s) in its training set", nullptr, v.labelsSeen)
                : tr("Not recorded for this version");
    case ChangedSinceColumn:
        return tr("%n label change(s) since its training set was taken", nullptr,
                  int(qMin<qint64>(v.labelsChangedSince, std::numeric_limits<int>::max())));
    case TestAurocColumn:
    case TestF1Column:
        if (v.testBags == 0)
            return tr("No test clips when it was trained");
        if (v.testBags < 0 && !std::isfinite(v.testAuroc))
            return tr("Not recorded for this version");
        return tr("On %n test clip(s): AUROC %1, F1 %2, precision %3, recall %4, mAP %5",
                  nullptr, qMax(0, v.testBags))
                .arg(metric(v.testAuroc), metric(v.testF1), metric(v.testPrecision),
                     metric(v.testRecall), metric(v.testMap));
    case CreatedColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(v.model.createdMs),
                                  QLocale::LongFormat);
    case NoteColumn:
        return v.model.note;
    default:
        return displayText(v, column);
    }
}

QVariant ModelLineageModel::data(const QModelIndex &index, int role) const
{
    const library::LineageVersion *v = versionAt(index);
    if (!v)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayText(*v, index.column());
    case Qt::EditRole:
        if (index.column() == NameColumn)
            return v->model.name;
        if (index.column() == NoteColumn)
            return v->model.note;
        return displayText(*v, index.column());
    case Qt::ToolTipRole:
        return toolTip(*v, index.column());
    case Qt::FontRole:
        if (v->model.active) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= LabelsSeenColumn && index.column() <= TestF1Column)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ModelIdRole:
        return v->model.id;
    case ActiveRole:
        return v->model.active;
    case ParentIdRole:
        return v->parent >= 0 ? m_lineage.versions().at(v->parent).model.id : qint64(0);
    }
    return {};
}

bool ModelLineageModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const library::LineageVersion *v = versionAt(index);
    if (!v || role != Qt::EditRole)
        return false;
    const QString text = value.toString();
    if (index.column() == NameColumn) {
        const QString name = text.trimmed();
        if (name.isEmpty() || name == v->model.name)
            return false;
        Q_EMIT renameRequested(v->model.id, name);
        return true;
    }
    if (index.column() == NoteColumn) {
        if (text == v->model.note)
            return false;
        Q_EMIT noteRequested(v->model.id, text);
        return true;
    }
    return false;
}

Qt::ItemFlags ModelLineageModel::flags(const QModelIndex &index) const
{
    if (!versionAt(index))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == NameColumn || index.column() == NoteColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant ModelLineageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        // Two-line titles keep the number columns narrow in a dock.
        switch (section) {
        case NameColumn:
            return tr("Name");
        case KindColumn:
            return tr("Kind");
        case ExtractorColumn:
            return tr("Extractor");
        case CreatedColumn:
            return tr("Created");
        case LabelsSeenColumn:
            return tr("Labels\nseen");
        case ChangedSinceColumn:
            return tr("Changed\nsince");
        case TestAurocColumn:
            return tr("Test\nAUROC");
        case TestF1Column:
            return tr("Test\nF1");
        case NoteColumn:
            return tr("Note");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case LabelsSeenColumn:
            return tr("Known present / absent labels in the version's training set");
        case ChangedSinceColumn:
            return tr("Label changes made after the version's training set was taken");
        case TestAurocColumn:
            return tr("Mean AUROC over the instruments on the test clips when it was trained");
        case TestF1Column:
            return tr("Mean F1 on the test clips when it was trained");
        default:
            return headerData(section, orientation, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && section >= LabelsSeenColumn && section <= TestF1Column)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace timbre::widgets
