// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/VggishPostprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace timbre::features {

namespace {

bool readNumbers(const QJsonValue &value, std::vector<double> &out)
{
    if (!value.isArray())
        return false;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array) {
        // np.savez keeps pca_means as [D, 1]: accept one-number rows too.
        const QJsonValue number = v.isArray() && v.toArray().size() == 1 ? v.toArray().at(0) : v;
        if (!number.isDouble())
            return false;
        out.push_back(number.toDouble());
    }
    return true;
}

} // namespace

std::optional<VggishPostprocess> VggishPostprocess::load(const QString &path, int inputDimension,
                                                         QString *error)
{
    auto fail = [&](const QString &message) -> std::optional<VggishPostprocess> {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, message);
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.exists() ? QStringLiteral("cannot read the PCA parameters (%1)")
                                            .arg(file.errorString())
                                  : QStringLiteral("no such PCA parameter file"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject())
        return fail(QStringLiteral("not a JSON object (%1)").arg(parseError.errorString()));
    const QJsonObject json = doc.object();

    VggishPostprocess post;
    if (!readNumbers(json.value(QStringLiteral("pca_means")), post.m_means) || post.m_means.empty())
        return fail(QStringLiteral("\"pca_means\" must be a non-empty array of numbers"));
    if (int(post.m_means.size()) != inputDimension)
        return fail(QStringLiteral("\"pca_means\" has %1 entries but the extractor returns %2 "
                                   "floats per patch")
                            .arg(post.m_means.size())
                            .arg(inputDimension));
    const QJsonValue vectors = json.value(QStringLiteral("pca_eigen_vectors"));
    if (!vectors.isArray() || vectors.toArray().isEmpty())
        return fail(QStringLiteral("\"pca_eigen_vectors\" must be a non-empty array of rows"));
    const QJsonArray rows = vectors.toArray();
    if (rows.size() > inputDimension)
        return fail(QStringLiteral("\"pca_eigen_vectors\" has %1 rows, more than the %2 "
                                   "input dimensions")
                            .arg(rows.size())
                            .arg(inputDimension));
    for (int r = 0; r < rows.size(); ++r) {
        const size_t before = post.m_eigen.size();
        if (!readNumbers(rows.at(r), post.m_eigen)
            || post.m_eigen.size() - before != size_t(inputDimension))
            return fail(QStringLiteral("\"pca_eigen_vectors\" row %1 is not %2 numbers")
                                .arg(r)
                                .arg(inputDimension));
    }
    const auto finite = [](double v) { return std::isfinite(v); };
    if (!std::all_of(post.m_means.begin(), post.m_means.end(), finite)
        || !std::all_of(post.m_eigen.begin(), post.m_eigen.end(), finite))
        return fail(QStringLiteral("the PCA parameters hold a non-finite number"));
    post.m_inputDim = inputDimension;
    post.m_outputDim = int(rows.size());
    return post;
}

void VggishPostprocess::apply(const float *in, int rows, std::vector<float> &out) const
{
    const size_t d = size_t(m_inputDim);
    const double scale = 255.0 / (kQuantizeMax - kQuantizeMin);
    std::vector<double> centred(d);
    for (int r = 0; r < rows; ++r) {
        const float *x = in + size_t(r) * d;
        for (size_t i = 0; i < d; ++i)
            centred[i] = double(x[i]) - m_means[i];
        for (int k = 0; k < m_outputDim; ++k) {
            const double *e = m_eigen.data() + size_t(k) * d;
            double y = 0.0;
            for (size_t i = 0; i < d; ++i)
                y += e[i] * centred[i];
            y = std::clamp(y, kQuantizeMin, kQuantizeMax);
            // astype(np.uint8) truncates; the value is >= 0 here, so truncation is floor.
            const double q = std::floor((y - kQuantizeMin) * scale);
            // The same float expression as OpenMicDataset's uint8 scaling: identical numbers.
            out.push_back(static_cast<float>(q) * (1.0f / 255.0f));
        }
    }
}

} // namespace timbre::features
