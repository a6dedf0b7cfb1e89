// Throws an uncaught error on load, from a file: e2e/extras.spec.ts checks that enableJSErrorTracking reports it.
window.notDefinedHere();
