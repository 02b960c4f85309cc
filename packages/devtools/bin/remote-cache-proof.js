#!/usr/bin/env node
import "../dist/remote-cache-proof.js";
