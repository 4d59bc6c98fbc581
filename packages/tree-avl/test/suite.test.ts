import { treeConformanceSuite } from "@ksm-sim/tree/testing";
import { it } from "vitest";
import { avlBackend } from "../src/index.js";

treeConformanceSuite(it, avlBackend);
