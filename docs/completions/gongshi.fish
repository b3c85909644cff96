# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_gongshi_global_optspecs
    string join \n lang= h/help V/version
end

function __fish_gongshi_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_gongshi_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_gongshi_using_subcommand
    set -l cmd (__fish_gongshi_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c gongshi -n "__fish_gongshi_needs_command" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_needs_command" -s h -l help -d '显示帮助。'
complete -c gongshi -n "__fish_gongshi_needs_command" -s V -l version -d '显示版本号。'
complete -c gongshi -n "__fish_gongshi_needs_command" -f -a "build" -d '检查内容，然后生成正式发布的网站（默认写入 public/）。'
complete -c gongshi -n "__fish_gongshi_needs_command" -f -a "serve" -d '在本机预览网站，每次修改后自动重新生成。'
complete -c gongshi -n "__fish_gongshi_needs_command" -f -a "check" -d '列出内容中的所有问题，不写入任何文件。'
complete -c gongshi -n "__fish_gongshi_needs_command" -f -a "ewts" -d '把 EWTS（威利转写）转换为藏文：每个参数或标准输入的每一行各输出一行。'
complete -c gongshi -n "__fish_gongshi_needs_command" -f -a "init" -d '在一个文件夹中新建网站：content/ 中有网站设置、节假日，以及可供照着填写的一个县、乡（镇）和村。'
complete -c gongshi -n "__fish_gongshi_needs_command" -f -a "new" -d '添加村（社区）、县或乡（镇）、公告；写出之前按 `check` 的规则检查。'
complete -c gongshi -n "__fish_gongshi_needs_command" -f -a "verify" -d '按 SHA256SUMS 核对网站副本：列出每个被改动、缺少或多出的文件。'
complete -c gongshi -n "__fish_gongshi_needs_command" -f -a "import" -d '把名单电子表格（.xlsx、.ods、.csv）变成所列每个村的一条公示；写入之前先按 `check` 的规则检查。'
complete -c gongshi -n "__fish_gongshi_using_subcommand build" -l root -d '包含 content/ 和 themes/ 的文件夹（默认：当前文件夹）。' -r -F
complete -c gongshi -n "__fish_gongshi_using_subcommand build" -l today -d '计算公示状态所依据的日期（默认：网站所在时区的今天）。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand build" -l output -d '输出文件夹（默认：网站文件夹下的 public/）。' -r -F
complete -c gongshi -n "__fish_gongshi_using_subcommand build" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand build" -l drafts -d '包含草稿和定时发布的内容，并标明为预览。'
complete -c gongshi -n "__fish_gongshi_using_subcommand build" -l deny-warnings -d '有警告时也按失败处理。'
complete -c gongshi -n "__fish_gongshi_using_subcommand build" -s h -l help -d '显示帮助。'
complete -c gongshi -n "__fish_gongshi_using_subcommand serve" -l root -d '包含 content/ 和 themes/ 的文件夹（默认：当前文件夹）。' -r -F
complete -c gongshi -n "__fish_gongshi_using_subcommand serve" -l today -d '计算公示状态所依据的日期（默认：网站所在时区的今天）。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand serve" -l bind -d '监听的地址：默认只限本机访问。改用其他地址时，凡能访问该地址的人都能看到预览，包括草稿。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand serve" -l port -d '监听的端口（默认 1111；0 表示任选一个空闲端口）。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand serve" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand serve" -l open -d '用默认浏览器打开网站。'
complete -c gongshi -n "__fish_gongshi_using_subcommand serve" -s h -l help -d '显示帮助。'
complete -c gongshi -n "__fish_gongshi_using_subcommand check" -l root -d '包含 content/ 和 themes/ 的文件夹（默认：当前文件夹）。' -r -F
complete -c gongshi -n "__fish_gongshi_using_subcommand check" -l today -d '计算公示状态所依据的日期（默认：网站所在时区的今天）。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand check" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand check" -l deny-warnings -d '有警告时也按失败处理。'
complete -c gongshi -n "__fish_gongshi_using_subcommand check" -l translations -d '另按语言列出待审核的译文及其现有文字。'
complete -c gongshi -n "__fish_gongshi_using_subcommand check" -s v -l verbose -d '另列出网站自己的主题文件改动了内置主题的哪些文件和词条键。'
complete -c gongshi -n "__fish_gongshi_using_subcommand check" -s h -l help -d '显示帮助。'
complete -c gongshi -n "__fish_gongshi_using_subcommand ewts" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand ewts" -s h -l help -d '显示帮助。'
complete -c gongshi -n "__fish_gongshi_using_subcommand init" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand init" -l with-theme -d '同时写出 themes/default/，即内置主题的副本，供修改。'
complete -c gongshi -n "__fish_gongshi_using_subcommand init" -s h -l help -d '显示帮助。'
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and not __fish_seen_subcommand_from village area announcement" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and not __fish_seen_subcommand_from village area announcement" -s h -l help -d '显示帮助。'
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and not __fish_seen_subcommand_from village area announcement" -f -a "village" -d '添加村（社区）：content/villages/县/乡镇/村.yaml，附一条待填写的候选人公示草稿。'
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and not __fish_seen_subcommand_from village area announcement" -f -a "area" -d '添加县（写“县”）或乡（镇）（写“县/乡镇”）：写出记有名称的 _index.yaml。'
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and not __fish_seen_subcommand_from village area announcement" -f -a "announcement" -d '添加公告：content/announcements/名称.bo.md 和 名称.zh.md，日期为今天的草稿。'
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from village" -l bo -d '藏文名称。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from village" -l zh -d '中文名称。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from village" -l kind -d 'village（村）或 community（社区），默认为 village。' -r -f -a "village\t''
community\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from village" -l root -d '包含 content/ 和 themes/ 的文件夹（默认：当前文件夹）。' -r -F
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from village" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from village" -s h -l help -d '显示帮助。'
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from area" -l bo -d '藏文名称。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from area" -l zh -d '中文名称。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from area" -l root -d '包含 content/ 和 themes/ 的文件夹（默认：当前文件夹）。' -r -F
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from area" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from area" -s h -l help -d '显示帮助。'
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from announcement" -l root -d '包含 content/ 和 themes/ 的文件夹（默认：当前文件夹）。' -r -F
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from announcement" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand new; and __fish_seen_subcommand_from announcement" -s h -l help -d '显示帮助。'
complete -c gongshi -n "__fish_gongshi_using_subcommand verify" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand verify" -s h -l help -d '显示帮助。'
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l slug -d '公示的 slug，各村相同（例如 committee-candidates）。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l type -d 'candidates（候选人）或 results（选举结果）。' -r -f -a "candidates\t''
results\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l body -d 'party_branch（村党组织）或 committee（村/居民委员会）。' -r -f -a "party_branch\t''
committee\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l published -d '公示的发布日期。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l seats -d '候选人公示的职数：职务=N,…（代码或名称均可）。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l period-start -d '候选人公示期的第一天。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l working-days -d '公示期为 N 个工作日。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l end -d '公示期的最后一天。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l days -d '公示期为 N 个自然日。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l election-day -d '选举结果公示的选举日。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l sheet -d '要读取的工作表（默认：第一个）。' -r
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l root -d '包含 content/ 和 themes/ 的文件夹（默认：当前文件夹）。' -r -F
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l lang -d 'gongshi 提示信息的语言：zh、bo 或 en（默认跟随系统语言）。' -r -f -a "zh\t''
bo\t''
en\t''"
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l replace -d '用新公示替换各村中同一 slug 的公示。'
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -l dry-run -d '只报告将写入的内容，不写入任何文件。'
complete -c gongshi -n "__fish_gongshi_using_subcommand import" -s h -l help -d '显示帮助。'
