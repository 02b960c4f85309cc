#!/usr/bin/env node
import "../dist/verify-bench.js";
