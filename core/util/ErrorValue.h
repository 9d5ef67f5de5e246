// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one shape of a failure as a value in core/: a code a caller can branch on, the file or
// folder concerned, and a one-line English message that a CLI prints verbatim and a GUI shows.
// Each family (catalog, audio, feature files, corpus synthesis, npz, MIDI) is an ErrorValue
// over a small struct of its codes; inheriting that struct keeps call sites short
// (`CatalogError::make(CatalogError::QueryFailed, path, message)`).
//
// `Codes` holds `Code`, an enum (scoped or not) whose `None` is 0 and means success, and may
// declare two optional things:
//   static QString describe(Code)         a phrase per code; toString() then reads
//                                         "<path>: <phrase> (<message>)" (audio: FFmpeg's own
//                                         words go in the message)
//   static constexpr bool kMessageNamesPath = true
//                                         make() starts the message with "<path>: ", for
//                                         families whose messages are printed without toString()
#include <QString>

#include <type_traits>

namespace timbre::util {

namespace detail {
template<typename C, typename = void> struct HasDescribe : std::false_type
{
};
template<typename C>
struct HasDescribe<C, std::void_t<decltype(C::describe(typename C::Code {}))>> : std::true_type
{
};
template<typename C, typename = void> struct MessageNamesPath : std::false_type
{
};
template<typename C>
struct MessageNamesPath<C, std::void_t<decltype(C::kMessageNamesPath)>>
    : std::integral_constant<bool, C::kMessageNamesPath>
{
};
} // namespace detail

template<typename Codes> struct ErrorValue : Codes
{
    using Code = typename Codes::Code;

    Code code = Code::None;
    QString path; // the file or folder concerned; may be empty when the message names it
    QString message; // one line, English

    bool ok() const { return code == Code::None; }
    bool isError() const { return code != Code::None; }

    // One line for a log or a dialog that names the file; empty when there is no error.
    QString toString() const
    {
        if (!isError())
            return {};
        if constexpr (detail::HasDescribe<Codes>::value) {
            QString text = path.isEmpty() ? Codes::describe(code)
                                          : path + QStringLiteral(": ") + Codes::describe(code);
            if (!message.isEmpty())
                text += QStringLiteral(" (") + message + QLatin1Char(')');
            return text;
        } else {
            if (path.isEmpty() || message.startsWith(path))
                return message;
            return path + QStringLiteral(": ") + message;
        }
    }

    static ErrorValue make(Code code, const QString &path, const QString &message = {})
    {
        ErrorValue error;
        error.code = code;
        error.path = path;
        if constexpr (detail::MessageNamesPath<Codes>::value)
            error.message = path + QStringLiteral(": ") + message;
        else
            error.message = message;
        return error;
    }
};

} // namespace timbre::util
