// Builds each code component into out/<namespace.constructor>/ (ControlManifest.xml + bundle.js), the layout the
// solution zip's Controls folder takes; with --tests, bundles the unit tests into out/tests/ for `node --test`.
// esbuild rather than pcf-scripts (whose webpack build also works on these sources): the bundle registers the control
// as pcf-scripts' output does, ComponentFramework.registerControl("<namespace>.<constructor>", …).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = import.meta.dirname;
const controls = ["JourneyMap", "PatientTimeline"].filter((c) => readdirSync(root).includes(c));

// Type-check everything first (esbuild only strips types).
execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.json")], { stdio: "inherit" });

if (process.argv.includes("--tests")) {
  const tests = controls.flatMap((c) => readdirSync(join(root, c)).filter((f) => f.endsWith(".test.ts")).map((f) => join(root, c, f)));
  rmSync(join(root, "out", "tests"), { recursive: true, force: true });
  await build({ entryPoints: tests, outdir: join(root, "out", "tests"), bundle: true, platform: "node", format: "esm", outExtension: { ".js": ".test.mjs" }, entryNames: "[name]", logLevel: "warning" });
} else {
  for (const control of controls) {
    const manifest = readFileSync(join(root, control, "ControlManifest.Input.xml"), "utf8");
    const ns = /namespace="([^"]+)"/.exec(manifest)[1];
    const constructor = /constructor="([^"]+)"/.exec(manifest)[1];
    const name = `${ns}.${constructor}`;
    const out = join(root, "out", name);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const global = `pj_controls_${constructor}`;
    await build({
      entryPoints: [join(root, control, "index.ts")],
      outfile: join(out, "bundle.js"),
      bundle: true,
      format: "iife",
      globalName: global,
      target: "es2020",
      minify: true,
      legalComments: "none",
      logLevel: "warning",
      footer: {
        js: `if(window.ComponentFramework&&window.ComponentFramework.registerControl){ComponentFramework.registerControl(${JSON.stringify(name)},${global}.${constructor});}else{var ${ns}=window.${ns}=window.${ns}||{};${ns}.${constructor}=${global}.${constructor};}`,
      },
    });
    // As pcf-scripts does: the built manifest names the bundle where the input names the TypeScript entry point.
    writeFileSync(join(out, "ControlManifest.xml"), manifest.replace(/<code path="[^"]+\.ts"/, '<code path="bundle.js"'));
    console.log(`built ${name} -> ${out}`);
  }
}
