#!/usr/bin/env node
// The `laget` command. TypeScript is loaded through tsx, so the CLI runs from the sources.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
