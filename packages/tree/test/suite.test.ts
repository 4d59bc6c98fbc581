import { it } from "vitest";
import { treeConformanceSuite } from "../src/testing/index.js";
import { arrayBackend } from "./array-backend.js";

treeConformanceSuite(it, arrayBackend(), { numRuns: 100 });
