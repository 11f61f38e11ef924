// The widgets' attributes, properties and events in Vue templates, generated from their manifest.
/// <reference types="@carbontrack/widgets/vue" />
