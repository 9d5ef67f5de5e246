// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/BuiltInCnn.h"

#include "core/features/XxHash64.h"

#include <QFile>

// Q_INIT_RESOURCE declares a global function: it must be called outside any namespace.
static void initStarterModels()
{
    Q_INIT_RESOURCE(StarterModels);
}

namespace timbre::features {

namespace {

void ensureResources()
{
    static const bool once = [] {
        initStarterModels();
        return true;
    }();
    (void)once;
}

} // namespace

QString BuiltInCnn::weightsHash()
{
    return QStringLiteral("0dd4cb2d5aafd41e");
}

QString BuiltInCnn::weightsFile()
{
    return QStringLiteral(":/timbre/models/cnn-v%1.pt").arg(kVersion);
}

QString BuiltInCnn::starterModelFile()
{
    return QStringLiteral(":/timbre/models/starter-att-cnn-v%1.ckpt").arg(kVersion);
}

QString BuiltInCnn::modelCardFile()
{
    return QStringLiteral(":/timbre/models/MODEL_CARD.md");
}

QString BuiltInCnn::hashOf(const QByteArray &bytes)
{
    const quint64 hash = xxHash64(bytes.constData(), size_t(bytes.size()));
    return QStringLiteral("%1").arg(hash, 16, 16, QLatin1Char('0'));
}

QByteArray BuiltInCnn::readVerified(const QString &file, const QString &expectedHash,
                                    QString *error)
{
    ensureResources();
    QFile in(file);
    if (!in.exists()) {
        *error = QStringLiteral("%1: no such file (the weights of the built-in \"%2\" extractor)")
                         .arg(file, id());
        return {};
    }
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read (%2)").arg(file, in.errorString());
        return {};
    }
    QByteArray bytes = in.readAll();
    if (!expectedHash.isEmpty()) {
        const QString actual = hashOf(bytes);
        if (actual != expectedHash) {
            *error = QStringLiteral("%1: weights hash %2 is not the expected %3 (a corrupt or "
                                    "replaced file)")
                             .arg(file, actual, expectedHash);
            return {};
        }
    }
    return bytes;
}

} // namespace timbre::features
