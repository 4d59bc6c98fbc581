import { treeConformanceSuite } from "@ksm-sim/tree/testing";
import { it } from "vitest";
import { functionalRedBlackTreeBackend } from "../src/index.js";

treeConformanceSuite(it, functionalRedBlackTreeBackend);
