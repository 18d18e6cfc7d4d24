#pragma once

#include <nlohmann/json.hpp>

#include <QString>
#include <QTest>

// QCOMPARE for JSON values: both sides as plain nlohmann::json, whose objects
// compare equal whatever the order of their keys; a failure shows both.
#define JSON_COMPARE(actual, expected)                                                                                 \
    do {                                                                                                               \
        const nlohmann::json actual_ = (actual);                                                                       \
        const nlohmann::json expected_ = (expected);                                                                   \
        QVERIFY2(actual_ == expected_, qPrintable(QStringLiteral("\n   actual: %1\n expected: %2")                     \
                                                      .arg(QString::fromStdString(actual_.dump()),                     \
                                                           QString::fromStdString(expected_.dump()))));                \
    } while (false)
