#pragma once

#include "definition.h"
#include "template.h"

#include <QByteArray>
#include <QString>

namespace Flotilla {

// A definition or a template in a file, written as upstream's create request
// body (POST /api/v1/task, POST /api/v7/template), so one server's job can be
// created on another: local to an organisation's Flotilla and back. Fields
// the server assigns are left out; fields of other servers are kept.
struct ExportFile
{
    enum class Kind { Definition, Template };

    Kind kind = Kind::Definition;
    Definition definition; // when kind is Definition
    Template tpl;          // when kind is Template

    // The create bodies, also what FlotillaClient sends to create.
    static Json createBody(const Definition &definition);
    static Json createBody(const Template &tpl);
    // The file's bytes: the create body, indented, with a final newline.
    static QByteArray write(const Definition &definition);
    static QByteArray write(const Template &tpl);
    // "hello-world.json", "train-model.json": the alias or the template name,
    // with characters a file name should not hold replaced by '_'.
    static QString fileName(const QString &aliasOrName);

    // A file's contents; a template when it has a template_name or a
    // command_template. Without a value: `error` lists every problem, each
    // naming its field.
    static std::optional<ExportFile> read(QByteArrayView bytes, QString *error);

    QString name() const; // the alias or the template name
};

} // namespace Flotilla
