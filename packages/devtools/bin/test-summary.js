#!/usr/bin/env node
import "../dist/test-summary.js";
