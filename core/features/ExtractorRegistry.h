// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/features/ExtractorSpec.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace timbre::features {

// The extractors a library can use: the built-ins (melstat) and the TorchScript extractors
// registered in <library>/extractors/, one <id>.json each next to its copied .pt (and PCA
// parameter file). The .pt and PCA copies are named after their content hash
// ("<id>-<hash>.pt"), so <id>.json, written last and atomically, is the one switch from the
// old version to the new: a failed registration leaves the previous one whole.
//
// A snapshot: constructed from the folder's state; build a new one after addTorchScript().
// Plain data, safe to copy across threads.
class ExtractorRegistry
{
public:
    // Built-ins (melstat) plus every extractor registered in <libraryFolder>/extractors/ (one
    // <id>.json each, next to its copied .pt); an empty folder = built-ins only. Unreadable
    // json files are skipped and reported by errors().
    explicit ExtractorRegistry(const QString &libraryFolder = QString());

    QList<ExtractorSpec> all() const { return m_specs; }
    std::optional<ExtractorSpec> find(const QString &id) const;
    QStringList errors() const { return m_errors; }
    static QString defaultId(); // "melstat"

    // <libraryFolder>/extractors
    static QString folder(const QString &libraryFolder);
    // Ids become file and feature-store folder names: letters, digits, '.', '_' and '-',
    // not starting with '.', at most 64 characters, and not a built-in's id.
    static bool isValidId(const QString &id, QString *why = nullptr);

    // Probes ptFile (see ScriptedEmbedding), copies it (and postprocessFile) into
    // <libraryFolder>/extractors/, writes <id>.json atomically; version = previous version of
    // that id + 1 when the weights hash differs, unchanged when identical. std::nullopt and
    // *error (naming the file and the problem) on failure; nothing is left half-written.
    static std::optional<ExtractorSpec> addTorchScript(const QString &libraryFolder,
                                                       const QString &id, const QString &ptFile,
                                                       const QString &postprocessFile,
                                                       QString *error);

private:
    QList<ExtractorSpec> m_specs;
    QStringList m_errors;
};

} // namespace timbre::features
