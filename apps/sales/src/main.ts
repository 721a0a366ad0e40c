// Standalone entry. The dynamic import is the async boundary module federation needs:
// shared singletons are negotiated before any module that imports vue is evaluated.
void import('./bootstrap')
