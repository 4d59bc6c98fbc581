import { treeConformanceSuite } from "@ksm-sim/tree/testing";
import { it } from "vitest";
import { bintreesBackend } from "../src/index.js";

treeConformanceSuite(it, bintreesBackend);
