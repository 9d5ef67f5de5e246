// SPDX-License-Identifier: GPL-3.0-or-later
// .npy/.npz reading and writing through libzip: round trips of every supported dtype, and the
// error each kind of damaged or unexpected file gives.
#include "core/datasets/interchange/NpzArchive.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace timbre::datasets;

namespace {

QByteArray npyWithHeader(const QByteArray &dict, const QByteArray &data, int major = 1)
{
    QByteArray header = dict;
    const int prefix = major == 1 ? 10 : 12;
    while ((prefix + header.size() + 1) % 64 != 0)
        header.append(' ');
    header.append('\n');
    QByteArray out("\x93NUMPY", 6);
    out.append(char(major));
    out.append(char(0));
    const uint32_t len = uint32_t(header.size());
    out.append(reinterpret_cast<const char *>(&len), major == 1 ? 2 : 4);
    return out + header + data;
}

} // namespace

class NpzArchiveTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripEveryDtype_data()
    {
        QTest::addColumn<bool>("compress");
        QTest::newRow("stored") << false;
        QTest::newRow("deflated") << true;
    }

    void roundTripEveryDtype()
    {
        QFETCH(bool, compress);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.npz"));
        std::vector<uint8_t> bytes(2 * 3 * 4);
        for (size_t i = 0; i < bytes.size(); ++i)
            bytes[i] = uint8_t(i * 10);
        const std::vector<NpyArray> arrays = {
                NpyArray::fromUint8(QStringLiteral("X"), {2, 3, 4}, bytes),
                NpyArray::fromFloat32(QStringLiteral("f"), {2, 2}, {0.5f, -1.25f, 3.0f, 1e-3f}),
                NpyArray::fromFloat64(QStringLiteral("d"), {3}, {0.25, 0.5, 0.75}),
                NpyArray::fromBool(QStringLiteral("b"), {2, 2}, {1, 0, 7, 0}),
                NpyArray::fromInt64(QStringLiteral("i"), {2}, {-3, 1LL << 40}),
                NpyArray::fromStrings(
                        QStringLiteral("k"),
                        {QStringLiteral("000046_3840"), QStringLiteral("Ünï_çødé"), QString()}),
        };
        NpzError e = NpzArchive::write(path, arrays, compress);
        QVERIFY2(e.ok(), qPrintable(e.message));
        NpzArchive npz;
        e = NpzArchive::read(path, &npz);
        QVERIFY2(e.ok(), qPrintable(e.message));
        QCOMPARE(npz.names(), (QStringList {"X", "b", "d", "f", "i", "k"}));
        NpyArray x;
        QVERIFY(npz.require(QStringLiteral("X"), {QStringLiteral("|u1")}, 3, &x).ok());
        QCOMPARE(x.shapeString(), QStringLiteral("(2, 3, 4)"));
        std::vector<uint8_t> back;
        QVERIFY(x.toUint8(&back, path).ok());
        QCOMPARE(back, bytes);
        std::vector<float> f;
        QVERIFY(npz.find(QStringLiteral("f"))->toFloat(&f, path).ok());
        QCOMPARE(f, (std::vector<float> {0.5f, -1.25f, 3.0f, 1e-3f}));
        QVERIFY(npz.find(QStringLiteral("d"))->toFloat(&f, path).ok());
        QCOMPARE(f, (std::vector<float> {0.25f, 0.5f, 0.75f}));
        QCOMPARE(npz.find(QStringLiteral("b"))->descr, QStringLiteral("|b1"));
        QVERIFY(npz.find(QStringLiteral("b"))->toUint8(&back, path).ok());
        QCOMPARE(back, (std::vector<uint8_t> {1, 0, 1, 0}));
        QVERIFY(npz.find(QStringLiteral("i"))->toFloat(&f, path).ok());
        QCOMPARE(f[0], -3.0f);
        QCOMPARE(f[1], float(1LL << 40));
        QStringList keys;
        QCOMPARE(npz.find(QStringLiteral("k"))->descr, QStringLiteral("<U11"));
        QVERIFY(npz.find(QStringLiteral("k"))->toStrings(&keys, path).ok());
        QCOMPARE(keys, (QStringList {"000046_3840", "Ünï_çødé", ""}));
        // The .npy image is what NumPy writes: header padded to 64 bytes, version 1.0.
        const QByteArray image = arrays[1].toNpy();
        QCOMPARE(image.left(8), QByteArray("\x93NUMPY\x01\x00", 8));
        QVERIFY(image.contains("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }"));
        QCOMPARE((image.size() - 16) % 64, 0);
    }

    void parsesHeadersNumPyWrites()
    {
        NpyArray a;
        // Version 2.0 header, '<u1' spelled with '<', 1-d shape with trailing comma.
        NpzError e = NpyArray::fromNpy(npyWithHeader("{'descr': '<u1', 'fortran_order': False, "
                                                     "'shape': (3,), }",
                                                     QByteArray("\x01\x02\x03", 3), 2),
                                       QStringLiteral("v2"), &a);
        QVERIFY2(e.ok(), qPrintable(e.message));
        QCOMPARE(a.descr, QStringLiteral("|u1"));
        QCOMPARE(a.shape, (std::vector<int64_t> {3}));
        // A scalar: shape ().
        const float one = 1.0f;
        e = NpyArray::fromNpy(
                npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
                              QByteArray(reinterpret_cast<const char *>(&one), 4)),
                QStringLiteral("scalar"), &a);
        QVERIFY2(e.ok(), qPrintable(e.message));
        QCOMPARE(a.elementCount(), 1);
    }

    void rejectsWhatItCannotRead()
    {
        NpyArray a;
        const QByteArray four(4 * 4, '\0');
        QCOMPARE(NpyArray::fromNpy(npyWithHeader("{'descr': '<f4', 'fortran_order': True, "
                                                 "'shape': (2, 2), }",
                                                 four),
                                   QStringLiteral("f.npy"), &a)
                         .code,
                 NpzErrorCode::FortranOrder);
        const NpzError bigEndian = NpyArray::fromNpy(
                npyWithHeader("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2), }", four),
                QStringLiteral("be.npy"), &a);
        QCOMPARE(bigEndian.code, NpzErrorCode::UnsupportedDtype);
        QVERIFY(bigEndian.message.contains(QStringLiteral("be.npy")));
        QCOMPARE(NpyArray::fromNpy(npyWithHeader("{'descr': '|O', 'fortran_order': False, "
                                                 "'shape': (2,), }",
                                                 four),
                                   QStringLiteral("o.npy"), &a)
                         .code,
                 NpzErrorCode::UnsupportedDtype);
        const NpzError shortData = NpyArray::fromNpy(
                npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", four),
                QStringLiteral("s.npy"), &a);
        QCOMPARE(shortData.code, NpzErrorCode::Truncated);
        QVERIFY(shortData.message.contains(QStringLiteral("needs 24 bytes, found 16")));
        QCOMPARE(NpyArray::fromNpy(QByteArray("hello world, not numpy"), QStringLiteral("t"), &a)
                         .code,
                 NpzErrorCode::BadHeader);
        QCOMPARE(NpyArray::fromNpy(QByteArray("\x93NUM", 4), QStringLiteral("t"), &a).code,
                 NpzErrorCode::Truncated);
    }

    void damagedArchives()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.npz"));
        std::vector<float> values(5000);
        for (size_t i = 0; i < values.size(); ++i)
            values[i] = float(i % 97) * 0.5f;
        QVERIFY(NpzArchive::write(
                        path, {NpyArray::fromFloat32(QStringLiteral("Y_true"), {1000, 5}, values)},
                        true)
                        .ok());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray whole = f.readAll();
        f.close();
        NpzArchive npz;
        QCOMPARE(NpzArchive::read(dir.filePath(QStringLiteral("none.npz")), &npz).code,
                 NpzErrorCode::FileNotFound);

        auto writeFile = [&dir](const QString &name, const QByteArray &bytes) {
            QFile out(dir.filePath(name));
            out.open(QIODevice::WriteOnly);
            out.write(bytes);
            return dir.filePath(name);
        };
        // Cut in the middle (an interrupted download): the zip directory is gone.
        const NpzError cut = NpzArchive::read(
                writeFile(QStringLiteral("cut.npz"), whole.left(whole.size() / 2)), &npz);
        QCOMPARE(cut.code, NpzErrorCode::Truncated);
        QVERIFY(cut.message.contains(QStringLiteral("cut.npz")));
        // Only the last bytes missing.
        QCOMPARE(NpzArchive::read(
                         writeFile(QStringLiteral("tail.npz"), whole.left(whole.size() - 10)), &npz)
                         .code,
                 NpzErrorCode::Truncated);
        // Not a zip at all.
        QCOMPARE(NpzArchive::read(writeFile(QStringLiteral("text.npz"), "just some text\n"), &npz)
                         .code,
                 NpzErrorCode::NotAZip);
        // Damaged compressed data: the CRC or the deflate stream no longer agrees.
        QByteArray damaged = whole;
        for (int i = 100; i < 140; ++i)
            damaged[i] = char(damaged[i] ^ 0x5a);
        const NpzError bad = NpzArchive::read(writeFile(QStringLiteral("bad.npz"), damaged), &npz);
        QVERIFY(!bad.ok());
        QVERIFY(bad.code == NpzErrorCode::Corrupt || bad.code == NpzErrorCode::Truncated);

        // Missing array, wrong dtype, wrong rank.
        QVERIFY(NpzArchive::read(path, &npz).ok());
        NpyArray a;
        const NpzError missing = npz.require(QStringLiteral("X"), {}, -1, &a);
        QCOMPARE(missing.code, NpzErrorCode::MissingArray);
        QVERIFY(missing.message.contains(QStringLiteral("'X'")));
        const NpzError dtype
                = npz.require(QStringLiteral("Y_true"), {QStringLiteral("|b1")}, 2, &a);
        QCOMPARE(dtype.code, NpzErrorCode::WrongDtype);
        QVERIFY(dtype.message.contains(QStringLiteral("<f4")));
        QCOMPARE(npz.require(QStringLiteral("Y_true"), {QStringLiteral("<f4")}, 3, &a).code,
                 NpzErrorCode::ShapeMismatch);
        std::vector<uint8_t> u;
        QCOMPARE(npz.find(QStringLiteral("Y_true"))->toUint8(&u, path).code,
                 NpzErrorCode::WrongDtype);
    }
};

QTEST_GUILESS_MAIN(NpzArchiveTest)
#include "NpzArchive_test.moc"
