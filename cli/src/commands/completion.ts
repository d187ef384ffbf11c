/**
 * `alteryx-jobs completion bash|zsh|fish`: a completion script generated from the program's own commands,
 * options and choices, so it can never fall behind them.
 */
import { type Command, type Option, Argument } from "commander";
import { action } from "../context.js";
import { oneOf } from "../values.js";

const SHELLS = ["bash", "zsh", "fish"] as const;
type Shell = (typeof SHELLS)[number];
/** Options whose value is a path: the shell completes file names there. */
const PATH_OPTIONS = new Set(["--ca-file", "--html", "--out"]);

interface Spec {
  name: string;
  description: string;
  options: { long: string; short?: string; description: string; takesValue: boolean; choices?: readonly string[] }[];
}

function optionSpecs(options: readonly Option[]): Spec["options"] {
  return options
    .filter((o) => o.long && !o.hidden)
    .map((o) => ({
      long: o.long!,
      ...(o.short ? { short: o.short } : {}),
      description: o.description,
      takesValue: o.required || o.optional,
      ...(o.argChoices ? { choices: o.argChoices } : {}),
    }));
}

function specsOf(program: Command): { global: Spec["options"]; commands: Spec[] } {
  const help = { long: "--help", short: "-h", description: "show help", takesValue: false };
  return {
    global: [...optionSpecs(program.options), help],
    commands: program.commands.map((c) => ({
      name: c.name(),
      description: c.description(),
      options: [...optionSpecs(c.options), help],
    })),
  };
}

/** Words that are safe inside every shell's quoted description. */
const plain = (text: string) =>
  text
    .replace(/[^\w ,.()/+-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();

function bash(program: Command): string {
  const { global, commands } = specsOf(program);
  const words = (opts: Spec["options"]) => opts.flatMap((o) => [o.long, ...(o.short ? [o.short] : [])]).join(" ");
  const valueCases = [
    ...commands.flatMap((c) => [...c.options, ...global].filter((o) => o.takesValue).map((o) => [c.name, o] as const)),
    ...global.filter((o) => o.takesValue).map((o) => ["", o] as const),
  ].map(([name, o]) => {
    const reply = o.choices
      ? `$(compgen -W "${o.choices.join(" ")}" -- "$cur")`
      : PATH_OPTIONS.has(o.long)
        ? `$(compgen -f -- "$cur")`
        : "";
    return `    "${name}:${o.long}") COMPREPLY=(${reply}); return ;;`;
  });
  return `# bash completion for alteryx-jobs: source <(alteryx-jobs completion bash)
_alteryx_jobs() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local commands="${commands.map((c) => c.name).join(" ")}"
  local cmd="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ " $commands " == *" \${COMP_WORDS[i]} "* ]]; then cmd="\${COMP_WORDS[i]}"; break; fi
  done
  case "$cmd:$prev" in
${valueCases.join("\n")}
  esac
  case "$cmd" in
    "") COMPREPLY=($(compgen -W "$commands ${words(global)}" -- "$cur")) ;;
${commands
  .map((c) => `    ${c.name}) COMPREPLY=($(compgen -W "${words([...c.options, ...global])}" -- "$cur")) ;;`)
  .join("\n")}
  esac
}
complete -o default -F _alteryx_jobs alteryx-jobs
`;
}

function zshArgument(o: Spec["options"][number]): string {
  const value = !o.takesValue
    ? ""
    : o.choices
      ? `:value:(${o.choices.join(" ")})`
      : PATH_OPTIONS.has(o.long)
        ? ":file:_files"
        : ":value: ";
  const spec = `[${plain(o.description)}]${value}`;
  return o.short ? `'(${o.short} ${o.long})'{${o.short},${o.long}}'${spec}'` : `'${o.long}${spec}'`;
}

function zsh(program: Command): string {
  const { global, commands } = specsOf(program);
  return `#compdef alteryx-jobs
# zsh completion for alteryx-jobs: source <(alteryx-jobs completion zsh)
_alteryx_jobs() {
  local -a commands
  commands=(
${commands.map((c) => `    '${c.name}:${plain(c.description)}'`).join("\n")}
  )
  local state line
  _arguments -C \\
${global.map((o) => `    ${zshArgument(o)} \\`).join("\n")}
    '1: :->command' \\
    '*:: :->arguments'
  case $state in
    command) _describe 'command' commands ;;
    arguments)
      case $line[1] in
${commands
  .map((c) => `        ${c.name}) _arguments ${[...c.options, ...global].map(zshArgument).join(" ")} '*: :_default' ;;`)
  .join("\n")}
      esac ;;
  esac
}
if [[ "\${funcstack[1]}" = "_alteryx_jobs" ]]; then _alteryx_jobs "$@"; else compdef _alteryx_jobs alteryx-jobs; fi
`;
}

function fish(program: Command): string {
  const { global, commands } = specsOf(program);
  const line = (condition: string, o: Spec["options"][number]) => {
    const value = !o.takesValue
      ? ""
      : o.choices
        ? ` -x -a '${o.choices.join(" ")}'`
        : PATH_OPTIONS.has(o.long)
          ? " -r -F"
          : " -x";
    const short = o.short ? ` -s ${o.short.slice(1)}` : "";
    return `complete -c alteryx-jobs${condition} -l ${o.long.slice(2)}${short}${value} -d '${plain(o.description)}'`;
  };
  return [
    "# fish completion for alteryx-jobs: alteryx-jobs completion fish | source",
    "complete -c alteryx-jobs -f",
    ...commands.map(
      (c) => `complete -c alteryx-jobs -n __fish_use_subcommand -a ${c.name} -d '${plain(c.description)}'`,
    ),
    ...global.map((o) => line("", o)),
    ...commands.flatMap((c) => c.options.map((o) => line(` -n '__fish_seen_subcommand_from ${c.name}'`, o))),
    "",
  ].join("\n");
}

export function completionScript(program: Command, shell: Shell): string {
  return { bash, zsh, fish }[shell](program);
}

export function registerCompletion(program: Command): void {
  program
    .command("completion")
    .description("print a shell completion script: source <(alteryx-jobs completion bash)")
    .addArgument(new Argument("<shell>", "bash, zsh or fish").choices(SHELLS).argParser(oneOf(SHELLS)))
    .action(
      action(async (ctx, shell: Shell) => {
        ctx.out.write(completionScript(program, shell));
      }),
    );
}
