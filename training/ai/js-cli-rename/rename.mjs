#!/usr/bin/env node
/**
 * bulk-rename: rename files in a directory using a regular expression.
 *
 * Usage:
 *   node rename.mjs <dir> <pattern> <replacement> [--dry-run] [--recursive]
 *
 * Example:
 *   node rename.mjs ./photos "IMG_(\d+)" "holiday-$1" --dry-run
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const COLORS = {
  green: (text) => `\x1b[32m${text}\x1b[0m`,
  yellow: (text) => `\x1b[33m${text}\x1b[0m`,
  red: (text) => `\x1b[31m${text}\x1b[0m`,
};

function parseArgs(argv) {
  const flags = new Set(argv.filter((arg) => arg.startsWith('--')));
  const positional = argv.filter((arg) => !arg.startsWith('--'));

  if (positional.length !== 3) {
    console.error('Usage: node rename.mjs <dir> <pattern> <replacement> [--dry-run] [--recursive]');
    process.exit(2);
  }

  const [dir, pattern, replacement] = positional;
  let regex;
  try {
    regex = new RegExp(pattern);
  } catch (error) {
    console.error(COLORS.red(`Invalid pattern: ${error.message}`));
    process.exit(2);
  }

  return { dir, regex, replacement, dryRun: flags.has('--dry-run'), recursive: flags.has('--recursive') };
}

/**
 * Recursively collect file paths under a directory.
 * @param {string} dir
 * @param {boolean} recursive
 * @returns {Promise<string[]>}
 */
async function listFiles(dir, recursive) {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    const fullPath = path.join(dir, entry.name);
    if (entry.isDirectory() && recursive) {
      files.push(...(await listFiles(fullPath, recursive)));
    } else if (entry.isFile()) {
      files.push(fullPath);
    }
  }
  return files;
}

/**
 * Work out every rename up front so we can detect collisions before touching the disk.
 */
function planRenames(files, regex, replacement) {
  const plan = [];
  const targets = new Map();

  for (const file of files) {
    const base = path.basename(file);
    if (!regex.test(base)) continue;

    const newName = base.replace(regex, replacement);
    if (newName === base) continue;

    const target = path.join(path.dirname(file), newName);
    if (targets.has(target)) {
      throw new Error(`Both "${targets.get(target)}" and "${file}" would be renamed to "${target}"`);
    }
    targets.set(target, file);
    plan.push({ from: file, to: target });
  }
  return plan;
}

async function main() {
  const { dir, regex, replacement, dryRun, recursive } = parseArgs(process.argv.slice(2));

  const files = await listFiles(dir, recursive);
  const plan = planRenames(files, regex, replacement);

  if (plan.length === 0) {
    console.log(COLORS.yellow('No files matched the pattern.'));
    return;
  }

  for (const { from, to } of plan) {
    if (dryRun) {
      console.log(`${COLORS.yellow('[dry-run]')} ${from} → ${to}`);
      continue;
    }
    // Refuse to overwrite files that already exist and are not part of the plan
    try {
      await fs.access(to);
      console.error(COLORS.red(`Skipping ${from}: ${to} already exists`));
      continue;
    } catch {
      // Target does not exist, which is what we want
    }
    await fs.rename(from, to);
    console.log(`${COLORS.green('✔')} ${from} → ${to}`);
  }

  console.log(`\n${dryRun ? 'Would rename' : 'Renamed'} ${plan.length} file(s).`);
}

main().catch((error) => {
  console.error(COLORS.red(`Error: ${error.message}`));
  process.exit(1);
});
