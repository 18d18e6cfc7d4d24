#include "completioncommand.h"

#include "commandline.h"
#include "invocation.h"

#include <client/flotillaclient.h>
#include <client/profilestore.h>

#include <QUrlQuery>

namespace Flotilla {

namespace {

// What the scripts know of one command. A position's kind is @aliases,
// @templates, @runs, @profiles (asked of the program), @commands, @files, or
// words to offer.
struct CommandShape
{
    QString name;
    QString description;
    QList<QCommandLineOption> options;
    QStringList positions;
    bool repeats = false; // the last position takes any number of words
};

QString kindOf(const QString &argument)
{
    if (argument.startsWith(QLatin1String("RUN_ID")))
        return QStringLiteral("@runs");
    if (argument.contains(QLatin1String("ALIAS")))
        return QStringLiteral("@aliases");
    if (argument.startsWith(QLatin1String("ID_OR_NAME")))
        return QStringLiteral("@templates");
    if (argument == u"COMMAND" || argument == u"[COMMAND]")
        return QStringLiteral("@commands");
    if (argument.contains(u'|'))
        return argument.split(u'|').join(u' ');
    return {};
}

CommandShape shapeOf(const Command &command)
{
    CommandShape shape{command.name(), command.description(), command.options(), {}, false};
    const QString arguments = command.arguments();
    if (arguments.contains(QLatin1String(" | "))) {
        // Sub-commands, "list | add NAME URL | remove NAME": their names, then profile names.
        QStringList names;
        for (const QString &form : arguments.split(QStringLiteral(" | ")))
            names << form.section(u' ', 0, 0);
        shape.positions = {names.join(u' '), QStringLiteral("@profiles")};
    } else {
        for (const QString &argument : arguments.split(u' ', Qt::SkipEmptyParts))
            shape.positions << kindOf(argument);
    }
    shape.repeats = !shape.positions.isEmpty() && command.maxPositional() > shape.positions.size();
    return shape;
}

QList<CommandShape> shapesOf(const CommandList &commands)
{
    QList<CommandShape> shapes;
    for (const auto &command : commands)
        shapes << shapeOf(*command);
    return shapes;
}

// "--alias --image -h --help"; with `valuedOnly` only those taking a value.
QString optionWords(const QList<QCommandLineOption> &options, bool valuedOnly)
{
    QStringList words;
    for (const QCommandLineOption &option : options) {
        if (valuedOnly && option.valueName().isEmpty())
            continue;
        for (const QString &name : option.names())
            words << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    }
    return words.join(u' ');
}

QString commandNames(const QList<CommandShape> &shapes)
{
    QStringList names;
    for (const CommandShape &shape : shapes)
        names << shape.name;
    return names.join(u' ');
}

// A word in single quotes for bash and zsh.
QString quoted(const QString &text)
{
    return u'\'' + QString(text).replace(u'\'', QLatin1String("'\\''")) + u'\'';
}

QStringList quotedAll(const QStringList &texts)
{
    QStringList words;
    for (const QString &text : texts)
        words << quoted(text);
    return words;
}

QString substitute(QString text, const QList<std::pair<const char *, QString>> &values)
{
    for (const auto &[key, value] : values)
        text.replace(QLatin1String(key), value);
    return text;
}

// The shape of each command as bash and zsh set it: one case branch each.
QString shapeCases(const QList<CommandShape> &shapes, const char *pattern)
{
    QString cases;
    for (const CommandShape &shape : shapes) {
        cases += substitute(QString::fromLatin1(pattern),
                            {{"@NAME@", shape.name},
                             {"@OPTIONS@", quoted(optionWords(shape.options, false))},
                             {"@VALUED@", quoted(optionWords(shape.options, true))},
                             {"@OPTION_WORDS@", optionWords(shape.options, false)},
                             {"@VALUED_WORDS@", optionWords(shape.options, true)},
                             {"@POSITIONS@", quotedAll(shape.positions).join(u' ')},
                             {"@REPEATS@", shape.repeats ? QStringLiteral("1") : QStringLiteral("0")}});
    }
    return cases;
}

const char bashScript[] = R"SH(# bash completion for flotilla, from `flotilla completion bash`: commands,
# options, profile names, and the aliases, template names and run ids of the
# server the line names (--server, --profile; else the default profile).
_flotilla_commands=@COMMANDS@
_flotilla_global=@GLOBAL@
_flotilla_global_valued=@GLOBAL_VALUED@

_flotilla_shape() {
    case $1 in
@CASES@    esac
}

# The names of kind $2 that start with $cur, from program $1.
_flotilla_ask() {
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$("$1" "${server[@]}" "__complete-$2" "$cur" 2>/dev/null)" -- "$cur"))
}

_flotilla() {
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words=() args=() server=()
    read -ra words <<<"$line"
    if [[ -z $line || $line == *[[:space:]] ]]; then words+=(""); fi
    local last=$((${#words[@]} - 1))
    local cur=${words[last]} prev= program=${words[0]} command= opts= valued= repeats=0 word i n=0 kind=
    ((last > 0)) && prev=${words[last - 1]}
    for ((i = 1; i < last; i++)); do
        word=${words[i]}
        if [[ " $_flotilla_global_valued $valued " == *" $word "* ]]; then
            case $word in --server | --profile | --token-env) server+=("$word" "${words[i + 1]}") ;; esac
            ((i++))
        elif [[ $word == -* ]]; then
            case $word in --server=* | --profile=* | --token-env=*) server+=("$word") ;; esac
        elif [[ -z $command ]]; then
            command=$word
            _flotilla_shape "$command"
        else
            ((n++))
        fi
    done
    COMPREPLY=()
    case $prev in
        --profile) _flotilla_ask "$program" profiles; return ;;
        --output) COMPREPLY=($(compgen -W 'table json' -- "$cur")); return ;;
        --from-file | --payload) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    [[ -n $prev && " $_flotilla_global_valued $valued " == *" $prev "* ]] && return
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts $_flotilla_global" -- "$cur"))
        return
    fi
    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$_flotilla_commands" -- "$cur"))
        return
    fi
    if ((n < ${#args[@]})); then kind=${args[n]}; elif ((repeats)); then kind=${args[${#args[@]} - 1]}; fi
    [[ $kind == @aliases && " ${words[*]} " == *" --template "* ]] && kind=@templates
    case $kind in
        '') ;;
        @files) COMPREPLY=($(compgen -f -- "$cur")) ;;
        @commands) COMPREPLY=($(compgen -W "$_flotilla_commands" -- "$cur")) ;;
        @*) _flotilla_ask "$program" "${kind#@}" ;;
        *) COMPREPLY=($(compgen -W "$kind" -- "$cur")) ;;
    esac
}
complete -F _flotilla flotilla
)SH";

const char bashCase[] = "        @NAME@) opts=@OPTIONS@ valued=@VALUED@ args=(@POSITIONS@) repeats=@REPEATS@ ;;\n";

const char zshScript[] = R"SH(#compdef flotilla
# zsh completion for flotilla, from `flotilla completion zsh`: commands,
# options, profile names, and the aliases, template names and run ids of the
# server the line names (--server, --profile; else the default profile).
_flotilla_commands=(@COMMANDS@)
_flotilla_global=(@GLOBAL@)
_flotilla_global_valued=(@GLOBAL_VALUED@)

_flotilla_shape() {
    case $1 in
@CASES@    esac
}

_flotilla() {
    local cur=${words[CURRENT]} prev=${words[CURRENT-1]} program=${words[1]} command= word kind=
    local -a opts valued args server
    local repeats=0 n=0 i
    for ((i = 2; i < CURRENT; i++)); do
        word=${words[i]}
        if (( ${_flotilla_global_valued[(Ie)$word]} || ${valued[(Ie)$word]} )); then
            case $word in (--server|--profile|--token-env) server+=($word ${words[i+1]}) ;; esac
            ((i++))
        elif [[ $word == -* ]]; then
            case $word in (--server=*|--profile=*|--token-env=*) server+=($word) ;; esac
        elif [[ -z $command ]]; then
            command=$word
            _flotilla_shape $command
        else
            ((n++))
        fi
    done
    case $prev in
        (--profile) compadd -- ${(f)"$($program __complete-profiles $cur 2>/dev/null)"}; return ;;
        (--output) compadd -- table json; return ;;
        (--from-file|--payload) _files; return ;;
    esac
    (( ${_flotilla_global_valued[(Ie)$prev]} || ${valued[(Ie)$prev]} )) && return
    if [[ $cur == -* ]]; then
        compadd -- $opts $_flotilla_global
        return
    fi
    if [[ -z $command ]]; then
        compadd -- $_flotilla_commands
        return
    fi
    if (( n < $#args )); then kind=${args[n+1]}; elif (( repeats )); then kind=${args[-1]}; fi
    [[ $kind == @aliases && ${words[(Ie)--template]} -gt 0 ]] && kind=@templates
    case $kind in
        ('') ;;
        (@files) _files ;;
        (@commands) compadd -- $_flotilla_commands ;;
        (@*) compadd -- ${(f)"$($program $server __complete-${kind#@} $cur 2>/dev/null)"} ;;
        (*) compadd -- ${=kind} ;;
    esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _flotilla "$@"
else
    compdef _flotilla flotilla
fi
)SH";

const char zshCase[]
    = "        (@NAME@) opts=(@OPTION_WORDS@) valued=(@VALUED_WORDS@) args=(@POSITIONS@) repeats=@REPEATS@ ;;\n";

const char fishScript[] = R"SH(# fish completion for flotilla, from `flotilla completion fish`: commands,
# options, profile names, and the aliases, template names and run ids of the
# server the line names (--server, --profile; else the default profile).

# The names of kind $argv[1] from the server the command line names.
function __flotilla_ask
    set -l tokens (commandline -opc)
    set -l kind $argv[1]
    set -l server
    set -l i 2
    while test $i -le (count $tokens)
        switch $tokens[$i]
            case --server --profile --token-env
                set -l next (math $i + 1)
                if test $next -le (count $tokens)
                    set -a server $tokens[$i] $tokens[$next]
                end
                set i $next
            case '--server=*' '--profile=*' '--token-env=*'
                set -a server $tokens[$i]
            case --template
                test $kind = aliases; and set kind templates
        end
        set i (math $i + 1)
    end
    $tokens[1] $server __complete-$kind (commandline -ct) 2>/dev/null
end

complete -c flotilla -f
complete -c flotilla -l profile -x -a '(__flotilla_ask profiles)' -d 'Server profile'
complete -c flotilla -l output -x -a 'table json' -d 'Output format'
@GLOBAL_LINES@@LINES@)SH";

// A text in single quotes for fish, which escapes only \ and '.
QString fishQuoted(const QString &text)
{
    return u'\'' + QString(text).replace(u'\\', QLatin1String("\\\\")).replace(u'\'', QLatin1String("\\'")) + u'\'';
}

QString fishOptionLine(const QString &condition, const QCommandLineOption &option)
{
    QString line = QStringLiteral("complete -c flotilla");
    if (!condition.isEmpty())
        line += QStringLiteral(" -n %1").arg(fishQuoted(condition));
    for (const QString &name : option.names())
        line += (name.size() == 1 ? QStringLiteral(" -s ") : QStringLiteral(" -l ")) + name;
    if (!option.valueName().isEmpty())
        line += option.names().contains(QLatin1String("from-file")) || option.names().contains(QLatin1String("payload"))
                    ? QStringLiteral(" -r -F")
                    : QStringLiteral(" -x");
    return line + QStringLiteral(" -d %1\n").arg(fishQuoted(option.description().section(u'\n', 0, 0)));
}

QString fishLines(const QList<CommandShape> &shapes)
{
    QString lines;
    for (const CommandShape &shape : shapes) {
        lines += QStringLiteral("complete -c flotilla -n __fish_use_subcommand -a %1 -d %2\n")
                     .arg(shape.name, fishQuoted(shape.description.section(u'\n', 0, 0)));
        const QString condition = QStringLiteral("__fish_seen_subcommand_from ") + shape.name;
        for (const QCommandLineOption &option : shape.options)
            lines += fishOptionLine(condition, option);
        QStringList kinds = shape.positions;
        kinds.removeDuplicates();
        kinds.removeAll(QString());
        for (const QString &kind : std::as_const(kinds)) {
            QString values;
            if (kind == u"@commands")
                values = fishQuoted(commandNames(shapes));
            else if (kind == u"@files")
                values = QStringLiteral("'(__fish_complete_path)'");
            else if (kind.startsWith(u'@'))
                values = QStringLiteral("'(__flotilla_ask %1)'").arg(kind.mid(1));
            else
                values = fishQuoted(kind);
            lines += QStringLiteral("complete -c flotilla -n %1 -a %2\n").arg(fishQuoted(condition), values);
        }
    }
    return lines;
}

QString globalFishLines()
{
    QString lines;
    for (const QCommandLineOption &option : Command::globalOptions()) {
        if (!option.names().contains(QLatin1String("profile")) && !option.names().contains(QLatin1String("output")))
            lines += fishOptionLine({}, option);
    }
    return lines;
}

Command::Description describe(CompletionCommand::Action action)
{
    using Action = CompletionCommand::Action;
    switch (action) {
    case Action::Script:
        return {QStringLiteral("completion"),
                QStringLiteral("bash|zsh|fish"),
                QStringLiteral("Print a shell completion script, e.g. source <(flotilla completion bash)."),
                {},
                1,
                1};
    case Action::Aliases: return {QStringLiteral("__complete-aliases"), QStringLiteral("[PREFIX]"), {}, {}, 0, 1};
    case Action::Templates: return {QStringLiteral("__complete-templates"), QStringLiteral("[PREFIX]"), {}, {}, 0, 1};
    case Action::Runs: return {QStringLiteral("__complete-runs"), QStringLiteral("[PREFIX]"), {}, {}, 0, 1};
    case Action::Profiles: return {QStringLiteral("__complete-profiles"), QStringLiteral("[PREFIX]"), {}, {}, 0, 1};
    }
    Q_UNREACHABLE();
}

} // namespace

CompletionCommand::CompletionCommand(Action action)
    : Command(describe(action))
    , m_action(action)
{}

CommandList CompletionCommand::hiddenCommands()
{
    CommandList list;
    for (Action action : {Action::Aliases, Action::Templates, Action::Runs, Action::Profiles})
        list.append(std::make_shared<CompletionCommand>(action));
    return list;
}

bool CompletionCommand::needsServer() const
{
    return m_action != Action::Script && m_action != Action::Profiles;
}

QString CompletionCommand::script(const QString &shell, const CommandList &commands)
{
    const QList<CommandShape> shapes = shapesOf(commands);
    const QString global = optionWords(globalOptions(), false);
    const QString globalValued = optionWords(globalOptions(), true);
    if (shell == u"bash") {
        return substitute(QString::fromLatin1(bashScript), {{"@COMMANDS@", quoted(commandNames(shapes))},
                                                            {"@GLOBAL@", quoted(global)},
                                                            {"@GLOBAL_VALUED@", quoted(globalValued)},
                                                            {"@CASES@", shapeCases(shapes, bashCase)}});
    }
    if (shell == u"zsh") {
        return substitute(QString::fromLatin1(zshScript), {{"@COMMANDS@", commandNames(shapes)},
                                                           {"@GLOBAL@", global},
                                                           {"@GLOBAL_VALUED@", globalValued},
                                                           {"@CASES@", shapeCases(shapes, zshCase)}});
    }
    if (shell == u"fish") {
        return substitute(QString::fromLatin1(fishScript),
                          {{"@GLOBAL_LINES@", globalFishLines()}, {"@LINES@", fishLines(shapes)}});
    }
    return {};
}

void CompletionCommand::printNames(Invocation &invocation, const QStringList &names) const
{
    const QString prefix = invocation.positional().value(0);
    QString text;
    for (const QString &name : names) {
        if (name.startsWith(prefix))
            text += name + u'\n';
    }
    invocation.output().out(text);
    invocation.done();
}

void CompletionCommand::run(Invocation &invocation) const
{
    const QString prefix = invocation.positional().value(0);
    FlotillaClient *client = invocation.client();
    switch (m_action) {
    case Action::Script: {
        const QString text = script(prefix, CommandLine::commands());
        if (text.isEmpty())
            return invocation.usageError(QStringLiteral("completion takes bash, zsh or fish; got \"%1\"").arg(prefix));
        invocation.output().out(text);
        return invocation.done();
    }
    case Action::Aliases: {
        QUrlQuery query; // the alias filter is a substring: the server sends a superset
        if (!prefix.isEmpty())
            query.addQueryItem(QStringLiteral("alias"), prefix);
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
        return invocation.whenDone<ResultJob<DefinitionList>>(client->listDefinitions(query),
                                                              [this, &invocation](ResultJob<DefinitionList> *job) {
                                                                  QStringList names;
                                                                  for (const Definition &definition :
                                                                       job->result().definitions)
                                                                      names << definition.alias;
                                                                  printNames(invocation, names);
                                                              });
    }
    case Action::Templates: {
        if (!client->servesTemplates())
            return printNames(invocation, {});
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
        return invocation.whenDone<ResultJob<TemplateList>>(client->listTemplates(query),
                                                            [this, &invocation](ResultJob<TemplateList> *job) {
                                                                QStringList names;
                                                                for (const Template &tpl : job->result().templates)
                                                                    names << tpl.templateName;
                                                                names.removeDuplicates();
                                                                printNames(invocation, names);
                                                            });
    }
    case Action::Runs: {
        // The latest runs; those still queued, without a start time, come last.
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("sort_by"), QStringLiteral("started_at"));
        query.addQueryItem(QStringLiteral("order"), QStringLiteral("desc"));
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
        return invocation.whenDone<ResultJob<RunList>>(client->listRuns(query),
                                                       [this, &invocation](ResultJob<RunList> *job) {
                                                           QStringList ids;
                                                           for (const Run &run : job->result().history)
                                                               ids << run.runId;
                                                           printNames(invocation, ids);
                                                       });
    }
    case Action::Profiles: {
        QStringList names;
        for (const ServerProfile &profile : invocation.profileStore().profiles())
            names << profile.name;
        return printNames(invocation, names);
    }
    }
}

} // namespace Flotilla
