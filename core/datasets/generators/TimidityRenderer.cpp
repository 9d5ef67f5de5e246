// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/TimidityRenderer.h"

#include "core/datasets/generators/PartMidiFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace timbre::datasets {

namespace {

constexpr int kRate = 44100;
constexpr int kTimeoutMs = 60000;

quint32 littleEndian(const QByteArray &data, qsizetype at, int bytes)
{
    quint32 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | quint8(data.at(at + i));
    return v;
}

// The `<number> <patch>` lines of a configuration and the files it sources, by section.
void readConfig(const QString &path, QSet<int> *programs, int depth)
{
    QFile file(path);
    if (depth > 8 || !file.open(QIODevice::ReadOnly | QIODevice::Text))
        return;
    QTextStream in(&file);
    int section = -1; // bank * 128, or 128 * 128 + kit for a drumset; -1 before either
    while (!in.atEnd()) {
        const QString line = in.readLine().section(QLatin1Char('#'), 0, 0).trimmed();
        const QStringList words
                = line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        bool ok = false;
        if (words.size() >= 2 && words[0] == QLatin1String("bank")) {
            const int bank = words[1].toInt(&ok);
            section = ok ? bank * 128 : -1;
            continue;
        }
        if (words.size() >= 2 && words[0] == QLatin1String("drumset")) {
            const int kit = words[1].toInt(&ok);
            section = ok ? 128 * 128 + kit : -1;
            continue;
        }
        if (words.size() >= 2 && words[0] == QLatin1String("source")) {
            const QString sourced = QFileInfo(words[1]).isAbsolute()
                    ? words[1]
                    : QFileInfo(path).dir().filePath(words[1]);
            readConfig(sourced, programs, depth + 1);
            continue;
        }
        const int number = words[0].toInt(&ok);
        if (!ok || words.size() < 2 || section < 0)
            continue;
        // A drumset lists keys: the kit exists once any key has a patch.
        programs->insert(section >= 128 * 128 ? section : section + number);
    }
}

} // namespace

SynthError TimidityRenderer::open(const QString &configPath)
{
    m_programs.clear();
    m_config.clear();
    const QFileInfo info(configPath);
    if (!info.exists())
        return SynthError::make(SynthErrorCode::SoundFontMissing, configPath,
                                QStringLiteral("TiMidity++ configuration not found"));
    if (!info.isFile() || !info.isReadable())
        return SynthError::make(SynthErrorCode::SoundFontUnreadable, configPath,
                                QStringLiteral("TiMidity++ configuration is not a readable file"));
    m_program = QStandardPaths::findExecutable(QStringLiteral("timidity"));
    if (m_program.isEmpty())
        return SynthError::make(SynthErrorCode::SynthFailed, configPath,
                                QStringLiteral("no `timidity` program on the PATH (Debian: apt "
                                               "install timidity freepats)"));
    readConfig(configPath, &m_programs, 0);
    if (m_programs.isEmpty())
        return SynthError::make(SynthErrorCode::SoundFontUnreadable, configPath,
                                QStringLiteral("the configuration maps no instrument (no `bank` "
                                               "or `drumset` section with patches)"));
    m_config = configPath;
    return {};
}

bool TimidityRenderer::hasPreset(int bank, int program) const
{
    return m_programs.contains(bank * 128 + program);
}

std::vector<std::vector<float>> TimidityRenderer::readPcm16Wav(const QByteArray &wav,
                                                               int *sampleRate, QString *why)
{
    if (wav.size() < 12 || !wav.startsWith("RIFF") || wav.mid(8, 4) != "WAVE") {
        *why = QStringLiteral("not a RIFF WAVE file");
        return {};
    }
    int channels = 0, bits = 0;
    qsizetype at = 12;
    while (at + 8 <= wav.size()) {
        const QByteArray id = wav.mid(at, 4);
        const qsizetype size = qsizetype(littleEndian(wav, at + 4, 4));
        const qsizetype body = at + 8;
        if (id == "fmt " && size >= 16 && body + 16 <= wav.size()) {
            if (littleEndian(wav, body, 2) != 1) {
                *why = QStringLiteral("not PCM");
                return {};
            }
            channels = int(littleEndian(wav, body + 2, 2));
            *sampleRate = int(littleEndian(wav, body + 4, 4));
            bits = int(littleEndian(wav, body + 14, 2));
        } else if (id == "data") {
            if (channels < 1 || bits != 16) {
                *why = QStringLiteral("%1-bit, %2 channels: only 16-bit PCM is read")
                               .arg(bits)
                               .arg(channels);
                return {};
            }
            // TiMidity writes the length after rendering; a stream cut short keeps what is there.
            const qsizetype bytes = std::min<qsizetype>(size, wav.size() - body);
            const qsizetype frames = bytes / (2 * channels);
            std::vector<std::vector<float>> out(static_cast<size_t>(channels),
                                                std::vector<float>(static_cast<size_t>(frames)));
            for (qsizetype i = 0; i < frames; ++i) {
                for (int c = 0; c < channels; ++c) {
                    const qint16 v = qint16(littleEndian(wav, body + (i * channels + c) * 2, 2));
                    out[size_t(c)][size_t(i)] = float(v) / 32768.0f;
                }
            }
            return out;
        }
        at = body + size + (size & 1);
    }
    *why = QStringLiteral("no data chunk");
    return {};
}

SynthError TimidityRenderer::renderParts(const SynthArrangement &arrangement,
                                         const std::vector<int> &pans, qint64 frames,
                                         std::vector<std::vector<float>> &planar) const
{
    if (m_config.isEmpty())
        return SynthError::make(SynthErrorCode::SynthFailed, {},
                                QStringLiteral("no TiMidity++ configuration loaded"));
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return SynthError::make(SynthErrorCode::OutputNotWritable, scratch.path(),
                                QStringLiteral("cannot create a scratch folder for TiMidity++"));
    const int parts = int(arrangement.parts.size());
    planar.assign(size_t(2 * parts), std::vector<float>(size_t(frames), 0.0f));
    for (int p = 0; p < parts; ++p) {
        const SynthPart &part = arrangement.parts[size_t(p)];
        const QString mid = scratch.filePath(QStringLiteral("part%1.mid").arg(p));
        const QString wavPath = scratch.filePath(QStringLiteral("part%1.wav").arg(p));
        QFile midFile(mid);
        if (!midFile.open(QIODevice::WriteOnly)
            || midFile.write(partMidiFile(part, pans.at(size_t(p)))) < 0) {
            return SynthError::make(SynthErrorCode::OutputNotWritable, mid,
                                    QStringLiteral("cannot write the part's MIDI file"));
        }
        midFile.close();
        QProcess timidity;
        // -idqq: no interface, quiet; -Ow: RIFF WAVE; --output-stereo / -16bit: what
        // readPcm16Wav reads; reverb and chorus off as for FluidSynth (silence stays silence);
        // --preserve-silence, or TiMidity drops the silence before the first note and every
        // note would come early.
        timidity.start(m_program,
                       {QStringLiteral("-c"), m_config, QStringLiteral("-idqq"),
                        QStringLiteral("-Ow"), QStringLiteral("--output-stereo"),
                        QStringLiteral("--output-16bit"), QStringLiteral("-s"),
                        QString::number(kRate), QStringLiteral("--reverb=d"),
                        QStringLiteral("--chorus=d"), QStringLiteral("--preserve-silence"),
                        QStringLiteral("-o"), wavPath, mid});
        if (!timidity.waitForFinished(kTimeoutMs) || timidity.exitStatus() != QProcess::NormalExit
            || timidity.exitCode() != 0) {
            timidity.kill();
            const QString detail = QString::fromLocal8Bit(timidity.readAllStandardError())
                                           .trimmed()
                                           .section(QLatin1Char('\n'), 0, 0);
            return SynthError::make(
                    SynthErrorCode::SynthFailed, m_config,
                    QStringLiteral("timidity failed on a %1 part%2")
                            .arg(part.sound.name,
                                 detail.isEmpty() ? QString() : QStringLiteral(": ") + detail));
        }
        QFile wavFile(wavPath);
        if (!wavFile.open(QIODevice::ReadOnly))
            return SynthError::make(SynthErrorCode::SynthFailed, wavPath,
                                    QStringLiteral("timidity wrote no audio"));
        int rate = 0;
        QString why;
        const std::vector<std::vector<float>> audio = readPcm16Wav(wavFile.readAll(), &rate, &why);
        if (audio.empty() || rate != kRate)
            return SynthError::make(
                    SynthErrorCode::SynthFailed, wavPath,
                    why.isEmpty()
                            ? QStringLiteral("timidity wrote %1 Hz, not %2").arg(rate).arg(kRate)
                            : why);
        for (int side = 0; side < 2; ++side) {
            const std::vector<float> &src
                    = audio[size_t(std::min<int>(side, int(audio.size()) - 1))];
            std::vector<float> &dst = planar[size_t(2 * p + side)];
            std::copy_n(src.begin(), std::min<qint64>(frames, qint64(src.size())), dst.begin());
        }
    }
    return {};
}

} // namespace timbre::datasets
