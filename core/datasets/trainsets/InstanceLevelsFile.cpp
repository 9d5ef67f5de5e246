// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/trainsets/InstanceLevelsFile.h"

#include "core/util/SaveFile.h"

#include <QFile>
#include <QLockFile>
#include <QSaveFile>
#include <QStringList>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace timbre::datasets {

NpzError InstanceLevelsFile::read(const QString &path, Levels *out)
{
    out->clear();
    QFile file(path);
    if (!file.exists())
        return NpzError::make(NpzErrorCode::FileNotFound, {},
                              QStringLiteral("%1: no such file").arg(path));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return NpzError::make(NpzErrorCode::FileNotFound, {},
                              QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    QTextStream in(&file);
    int lineNumber = 0;
    while (!in.atEnd()) {
        const QString line = in.readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty() || (lineNumber == 1 && line.startsWith(QLatin1String("clip"))))
            continue;
        const int comma = line.indexOf(QLatin1Char(','));
        if (comma <= 0)
            return NpzError::make(
                    NpzErrorCode::BadContents, {},
                    QStringLiteral("%1:%2: expected 'clip,levels_db'").arg(path).arg(lineNumber));
        std::vector<float> values;
        const QStringList fields = line.mid(comma + 1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &field : fields) {
            bool ok = false;
            const float v = field.toFloat(&ok);
            if (!ok || !std::isfinite(v))
                return NpzError::make(NpzErrorCode::BadContents, {},
                                      QStringLiteral("%1:%2: '%3' is not a level in dB")
                                              .arg(path)
                                              .arg(lineNumber)
                                              .arg(field));
            values.push_back(v);
        }
        out->insert(line.left(comma), std::move(values));
    }
    return {};
}

NpzError InstanceLevelsFile::merge(const QString &path, const Levels &levels)
{
    // Two `timbre features --write` runs into one folder (array tasks, say) must not each
    // write back what they read before the other's rows arrived.
    QLockFile lock(path + QStringLiteral(".lock"));
    lock.setStaleLockTime(60000);
    if (!lock.tryLock(120000))
        return NpzError::make(
                NpzErrorCode::WriteFailed, {},
                QStringLiteral("%1: another process keeps it locked (%2.lock)").arg(path, path));
    Levels all;
    if (QFile::exists(path)) {
        const NpzError e = read(path, &all);
        if (!e.ok())
            return e;
    }
    for (auto it = levels.cbegin(); it != levels.cend(); ++it)
        all.insert(it.key(), it.value());
    QStringList clips = all.keys();
    std::sort(clips.begin(), clips.end());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return NpzError::make(NpzErrorCode::WriteFailed, {},
                              QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    QTextStream out(&file);
    out << "clip,levels_db\n";
    for (const QString &clip : clips) {
        out << clip << ',';
        const std::vector<float> &v = all.value(clip);
        for (size_t i = 0; i < v.size(); ++i)
            out << (i ? " " : "") << QString::number(double(v[i]), 'f', 2);
        out << '\n';
    }
    out.flush();
    if (!util::commitSaveFile(file))
        return NpzError::make(NpzErrorCode::WriteFailed, {},
                              QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return {};
}

} // namespace timbre::datasets
