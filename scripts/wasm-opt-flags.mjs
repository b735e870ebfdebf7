// wasm-opt's flags for the bundles the post_build hooks build (the pack
// studio, the app for split packs): the same as index.html gives Trunk for
// the citizen app (with -Os), --low-memory-unused included, whose memory
// layout finish-build.mjs checks.
export const WASM_OPT_FLAGS = ['--converge', '--low-memory-unused', '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', '--strip-producers',
  '--strip-target-features'];
