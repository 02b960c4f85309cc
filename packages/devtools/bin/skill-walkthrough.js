#!/usr/bin/env node
import "../dist/skill-walkthrough.js";
