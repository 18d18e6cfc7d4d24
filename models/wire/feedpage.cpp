#include "feedpage.h"

namespace Flotilla {

FeedPage FeedPage::fromJson(const Json &json, QString *problem, QStringList *warnings)
{
    JsonReader reader(json);
    FeedPage page;
    const std::optional<qint64> seq = reader.integer("seq");
    const Json *changes = reader.array("changes");
    page.reset = reader.boolean("reset").value_or(false);
    if (!reader.errors().isEmpty()) {
        *problem = reader.errors().join(u' ');
        return {};
    }
    if (!seq || *seq < 0) {
        *problem = QStringLiteral("it is not a change feed answer: `seq` (the latest change number, an integer >= 0) "
                                  "is missing");
        return {};
    }
    page.seq = *seq;
    if (!changes)
        return page;
    for (const Json &item : *changes) {
        if (!item.is_object()) {
            *problem = QStringLiteral("`changes` must hold objects, not %1").arg(toQString(item.dump()));
            return {};
        }
        JsonReader itemReader(item, QStringLiteral("changes[]"));
        FeedChange change;
        change.kind = itemReader.string("kind").value_or(QString());
        change.id = itemReader.string("id").value_or(QString());
        change.seq = itemReader.integer("seq").value_or(0);
        if (!itemReader.errors().isEmpty() || change.id.isEmpty()) {
            *problem = QStringLiteral("a change must have a string `kind` and `id`: %1").arg(toQString(item.dump()));
            return {};
        }
        if (change.kind != u"run" && change.kind != u"definition" && change.kind != u"template") {
            warnings->append(QStringLiteral("changes of kind \"%1\" are unknown to this client").arg(change.kind));
            continue;
        }
        page.changes.append(std::move(change));
    }
    return page;
}

} // namespace Flotilla
