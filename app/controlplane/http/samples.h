#pragma once

namespace Flotilla {

class Store;
class TemplateController;

// What a new data dir holds, so a newcomer finds something to launch: the
// definition hello-flotilla, asking for USERNAME, and the template
// hello-template, whose form shows each kind of field. Made once, when the
// database is created, so deleting them sticks.
void addSamples(Store &store, TemplateController &templates);

} // namespace Flotilla
