import { treeConformanceSuite } from "@ksm-sim/tree/testing";
import { it } from "vitest";
import { rbtreeBackend } from "../src/index.js";

treeConformanceSuite(it, rbtreeBackend);
