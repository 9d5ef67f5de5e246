// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/ClipNameIndex.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace timbre::datasets {

namespace {

QString withoutExtension(const QString &path)
{
    const int slash = int(path.lastIndexOf(QLatin1Char('/')));
    const int dot = int(path.lastIndexOf(QLatin1Char('.')));
    return dot > slash + 1 ? path.left(dot) : path;
}

// The name as a relative path with forward slashes and no leading "./".
QString cleanedName(const QString &name)
{
    QString n = name.trimmed();
    n.replace(QLatin1Char('\\'), QLatin1Char('/'));
    while (n.startsWith(QLatin1String("./")))
        n.remove(0, 2);
    while (n.contains(QLatin1String("//")))
        n.replace(QLatin1String("//"), QLatin1String("/"));
    return n;
}

} // namespace

void ClipNameIndex::clear()
{
    m_entries.clear();
    m_byPath.clear();
    m_byFileName.clear();
    m_byBaseName.clear();
}

void ClipNameIndex::add(qint64 wholeClipId, const QString &absolutePath)
{
    const int index = int(m_entries.size());
    m_entries.append({wholeClipId, absolutePath});
    m_byPath.insert(absolutePath, index);
    const QString fileName = absolutePath.section(QLatin1Char('/'), -1);
    m_byFileName[fileName.toLower()].append(index);
    m_byBaseName[withoutExtension(fileName).toLower()].append(index);
}

QList<int> ClipNameIndex::fitting(const QString &name, Qt::CaseSensitivity cs,
                                  bool *byFileName) const
{
    // The name must be a whole trailing part of the path: "/" + name, so that "o.flac" does
    // not fit "/music/radio.flac".
    const QString tail = QLatin1Char('/') + name;
    const QString last = name.section(QLatin1Char('/'), -1).toLower();
    QList<int> out;
    for (const int i : m_byFileName.value(last)) {
        if (m_entries[i].path.endsWith(tail, cs))
            out.append(i);
    }
    *byFileName = !out.isEmpty();
    if (!out.isEmpty()) // a name with its extension is the stronger statement
        return out;
    for (const int i : m_byBaseName.value(last)) {
        if (withoutExtension(m_entries[i].path).endsWith(tail, cs))
            out.append(i);
    }
    return out;
}

ClipMatch ClipNameIndex::match(const QString &name, const QString &labelsFolder) const
{
    ClipMatch result;
    const QString n = cleanedName(name);
    if (n.isEmpty())
        return result;
    auto exact = [&](const QString &path, ClipMatch::Rule rule) {
        const auto it = m_byPath.constFind(QDir::cleanPath(path));
        if (it == m_byPath.cend())
            return false;
        result.outcome = ClipMatch::Outcome::Matched;
        result.rule = rule;
        result.clipId = m_entries[*it].clipId;
        return true;
    };
    if (QDir::isAbsolutePath(n)) {
        exact(n, ClipMatch::Rule::Path);
        return result;
    }
    if (!labelsFolder.isEmpty() && exact(QDir(labelsFolder).filePath(n), ClipMatch::Rule::RelativeToFile))
        return result;
    if (n == QLatin1String("..") || n.startsWith(QLatin1String("../"))
        || n.contains(QLatin1String("/../")) || n.endsWith(QLatin1Char('/')))
        return result; // only meaningful relative to the labels file

    bool byFileName = false;
    QList<int> found = fitting(n, Qt::CaseSensitive, &byFileName);
    if (found.isEmpty())
        found = fitting(n, Qt::CaseInsensitive, &byFileName);
    if (found.isEmpty())
        return result;
    result.rule = n.contains(QLatin1Char('/'))
            ? ClipMatch::Rule::RelativePath
            : (byFileName ? ClipMatch::Rule::FileName : ClipMatch::Rule::BaseName);
    if (found.size() == 1) {
        result.outcome = ClipMatch::Outcome::Matched;
        result.clipId = m_entries[found.first()].clipId;
        return result;
    }
    result.outcome = ClipMatch::Outcome::Ambiguous;
    result.candidateCount = int(found.size());
    QStringList paths;
    for (const int i : std::as_const(found))
        paths << m_entries[i].path;
    std::sort(paths.begin(), paths.end());
    result.candidates = paths.mid(0, kCandidatesKept);
    return result;
}

} // namespace timbre::datasets
