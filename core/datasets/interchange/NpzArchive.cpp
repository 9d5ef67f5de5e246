// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/NpzArchive.h"

#include <QFile>
#include <QFileInfo>

#include <zip.h>

#include <memory>

namespace timbre::datasets {

namespace {

struct ZipCloser
{
    void operator()(zip_t *z) const
    {
        if (z)
            zip_discard(z);
    }
};

struct FileCloser
{
    void operator()(zip_file_t *f) const
    {
        if (f)
            zip_fclose(f);
    }
};

QString zipErrorText(int code)
{
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const QString text = QString::fromUtf8(zip_error_strerror(&error));
    zip_error_fini(&error);
    return text;
}

bool startsLikeZip(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.read(4) == QByteArray("PK\x03\x04", 4);
}

} // namespace

NpzError NpzArchive::read(const QString &path, NpzArchive *out)
{
    if (!QFileInfo(path).isFile())
        return NpzError::make(NpzErrorCode::FileNotFound, {},
                              QStringLiteral("%1: no such file").arg(path));
    int code = 0;
    std::unique_ptr<zip_t, ZipCloser> zip(
            zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
    if (!zip) {
        // A file that begins like a zip but whose central directory cannot be found or
        // trusted has most likely been cut short (an interrupted download or copy).
        if (startsLikeZip(path))
            return NpzError::make(NpzErrorCode::Truncated, {},
                                  QStringLiteral("%1: truncated or damaged zip archive (%2)")
                                          .arg(path, zipErrorText(code)));
        return NpzError::make(
                NpzErrorCode::NotAZip, {},
                QStringLiteral("%1: not an npz (zip) file (%2)").arg(path, zipErrorText(code)));
    }
    NpzArchive archive;
    archive.m_path = path;
    const zip_int64_t entries = zip_get_num_entries(zip.get(), 0);
    for (zip_int64_t i = 0; i < entries; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(zip.get(), zip_uint64_t(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)
            || !(st.valid & ZIP_STAT_NAME))
            return NpzError::make(NpzErrorCode::Corrupt, {},
                                  QStringLiteral("%1: cannot read zip entry %2: %3")
                                          .arg(path)
                                          .arg(i)
                                          .arg(QString::fromUtf8(zip_strerror(zip.get()))));
        QString member = QString::fromUtf8(st.name);
        if (member.endsWith(QLatin1Char('/')))
            continue;
        const QString origin = QStringLiteral("%1 [%2]").arg(path, member);
        std::unique_ptr<zip_file_t, FileCloser> file(
                zip_fopen_index(zip.get(), zip_uint64_t(i), 0));
        if (!file)
            return NpzError::make(NpzErrorCode::Corrupt, {},
                                  QStringLiteral("%1: cannot open member: %2")
                                          .arg(origin, QString::fromUtf8(zip_strerror(zip.get()))));
        QByteArray bytes(qsizetype(st.size), Qt::Uninitialized);
        zip_int64_t done = 0;
        while (done < zip_int64_t(st.size)) {
            const zip_int64_t got = zip_fread(file.get(), bytes.data() + done,
                                              zip_uint64_t(st.size) - zip_uint64_t(done));
            if (got < 0) {
                const zip_error_t *e = zip_file_get_error(file.get());
                const int ze = zip_error_code_zip(e);
                const NpzErrorCode c
                        = (ze == ZIP_ER_EOF || ze == ZIP_ER_READ || ze == ZIP_ER_INCONS)
                        ? NpzErrorCode::Truncated
                        : NpzErrorCode::Corrupt;
                return NpzError::make(c, {},
                                      QStringLiteral("%1: cannot read member: %2")
                                              .arg(origin,
                                                   QString::fromUtf8(zip_error_strerror(
                                                           const_cast<zip_error_t *>(e)))));
            }
            if (got == 0)
                break;
            done += got;
        }
        if (done != zip_int64_t(st.size))
            return NpzError::make(NpzErrorCode::Truncated, {},
                                  QStringLiteral("%1: member ends after %2 of %3 bytes")
                                          .arg(origin)
                                          .arg(done)
                                          .arg(qint64(st.size)));
        NpyArray array;
        if (NpzError e = NpyArray::fromNpy(bytes, origin, &array); !e.ok())
            return e;
        if (member.endsWith(QLatin1String(".npy")))
            member.chop(4);
        array.name = member;
        archive.m_arrays[member] = std::move(array);
    }
    *out = std::move(archive);
    return {};
}

NpzError NpzArchive::write(const QString &path, const std::vector<NpyArray> &arrays, bool compress)
{
    int code = 0;
    std::unique_ptr<zip_t, ZipCloser> zip(
            zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code));
    if (!zip)
        return NpzError::make(
                NpzErrorCode::WriteFailed, {},
                QStringLiteral("%1: cannot create: %2").arg(path, zipErrorText(code)));
    // libzip reads the buffers when the archive is closed, so they live until then.
    std::vector<QByteArray> images;
    images.reserve(arrays.size());
    for (const NpyArray &a : arrays) {
        images.push_back(a.toNpy());
        const QByteArray &image = images.back();
        zip_source_t *source
                = zip_source_buffer(zip.get(), image.constData(), zip_uint64_t(image.size()), 0);
        const QByteArray member = (a.name + QStringLiteral(".npy")).toUtf8();
        const zip_int64_t index = source ? zip_file_add(zip.get(), member.constData(), source,
                                                        ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8)
                                         : -1;
        if (index < 0) {
            if (source)
                zip_source_free(source);
            return NpzError::make(
                    NpzErrorCode::WriteFailed, {},
                    QStringLiteral("%1: cannot add %2: %3")
                            .arg(path, a.name, QString::fromUtf8(zip_strerror(zip.get()))));
        }
        zip_set_file_compression(zip.get(), zip_uint64_t(index),
                                 compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, compress ? 6 : 0);
    }
    if (zip_close(zip.get()) != 0)
        return NpzError::make(NpzErrorCode::WriteFailed, {},
                              QStringLiteral("%1: cannot write: %2")
                                      .arg(path, QString::fromUtf8(zip_strerror(zip.get()))));
    zip.release(); // zip_close freed it
    return {};
}

QStringList NpzArchive::names() const
{
    QStringList list;
    for (const auto &entry : m_arrays)
        list << entry.first;
    return list;
}

bool NpzArchive::contains(const QString &name) const
{
    return m_arrays.count(name) > 0;
}

const NpyArray *NpzArchive::find(const QString &name) const
{
    const auto it = m_arrays.find(name);
    return it == m_arrays.end() ? nullptr : &it->second;
}

NpzError NpzArchive::require(const QString &name, const QStringList &dtypes, int rank,
                             NpyArray *out) const
{
    const NpyArray *a = find(name);
    if (!a)
        return NpzError::make(NpzErrorCode::MissingArray, {},
                              QStringLiteral("%1: no array '%2' (has: %3)")
                                      .arg(m_path, name, names().join(QStringLiteral(", "))));
    bool accepted = dtypes.isEmpty();
    for (const QString &d : dtypes) {
        if (a->descr == d
            || ((d == QLatin1String("<U") || d == QLatin1String("|S")) && a->descr.startsWith(d)))
            accepted = true;
    }
    if (!accepted)
        return NpzError::make(
                NpzErrorCode::WrongDtype, {},
                QStringLiteral("%1: array '%2' has dtype %3, expected %4")
                        .arg(m_path, name, a->descr, dtypes.join(QStringLiteral(" or "))));
    if (rank >= 0 && a->rank() != rank)
        return NpzError::make(NpzErrorCode::ShapeMismatch, {},
                              QStringLiteral("%1: array '%2' has shape %3, expected %4 dimensions")
                                      .arg(m_path, name, a->shapeString())
                                      .arg(rank));
    *out = *a;
    return {};
}

} // namespace timbre::datasets
