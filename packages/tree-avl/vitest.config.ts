import { defineProject } from "vitest/config";
import { ksmSimProject } from "../../vitest.shared.js";

export default defineProject(ksmSimProject("tree-avl"));
