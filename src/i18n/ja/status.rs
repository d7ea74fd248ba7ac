//! Japanese strings of the connection status page.

use crate::i18n::status::{StatusFix, StatusTexts};

pub const JA_STATUS: StatusTexts = StatusTexts {
    open_button: "接続状態",
    check_button: "接続を確認",
    title: "接続状態",
    intro: "snowcard は、このページのためにインスタンスで許可が必要な項目を 1 つずつ確認します。このページのオリジンは {origin}、リダイレクト URL は {redirect} です。",
    list_label: "確認項目",
    check_again: "再確認",
    authorize: "承認",
    back: "戻る",
    running: "接続を確認しています…",
    summary: "確認が完了しました：成功 {passed} 件、失敗 {failed} 件、未確認 {skipped} 件。",
    fix_label: "対処方法：",

    checking: "確認しています…",
    passed: "成功",
    failed: "失敗",
    not_checked: "未確認",

    instance_name: "インスタンスに接続できる",
    token_name: "トークンが有効",
    table_incident_name: "Table API で読み取り可能：インシデント",
    table_change_name: "Table API で読み取り可能：変更リクエスト",
    token_endpoint_name: "このブラウザーからトークンエンドポイントに接続できる",
    page_policy_name: "このページの Content-Security-Policy がインスタンスとトークン URL を許可している",
    create_incident_name: "インシデントの作成が許可されている（itil ロール）",
    create_change_name: "変更リクエストの作成が許可されている（itil または change_manager ロール）",

    instance_ok: "{instance} が応答しています。",
    token_ok: "インスタンスはトークンを受け付けています。トークンは {user}（{user_name}）のものです。",
    not_you: "統合ユーザーではありませんか? シングルサインオンにより、ご自身のアカウントでサインインした可能性があります：「承認」を選択し、同意ページで「ユーザーが違いますか?」を使用して、統合ユーザーとしてサインインしてください。",
    table_ok: "Table API はこのページに応答し、ユーザーに {table} の読み取りを許可しています。",
    token_endpoint_ok: "{url} はこのブラウザーに応答しています（架空のトークンに対して、想定どおり {code} を返しました）。",
    page_policy_ok: "ブラウザーはこのページから {origins} への呼び出しを許可しています。",
    role_ok: "{user} には {role} ロールがあります。",
    role_via_admin: "{user} には admin ロールがあり、{role} が含まれます。",
    unknown_user: "接続ユーザー",

    unreachable: StatusFix {
        detail: "{url} から応答がありませんでした。",
        fix: "セットアップページのインスタンスのアドレスと、このコンピューターのネットワーク接続を確認してください。インスタンスで IP アドレスのアクセス制御（システムセキュリティ > IP アドレスアクセス制御）を使用している場合は、管理者がこのコンピューターのアドレスを許可します。",
    },
    offline: StatusFix {
        detail: "ブラウザーがネットワーク接続なしと報告しています。",
        fix: "ネットワークに再接続してから、「再確認」を選択してください。",
    },
    api_blocked: StatusFix {
        detail: "インスタンスは {url} で応答しましたが、このページには応答を公開していません：{origin} を許可する CORS ルールがありません。",
        fix: "管理者が「システム Web サービス > REST > CORS ルール」を開き、REST API「Table API」に対するルールを追加します：ドメインは {origin}、HTTP メソッドは GET、POST、PATCH、許可するヘッダーは Authorization、Content-Type、Accept、公開するヘッダーは X-Total-Count、Link、Retry-After です（Aggregate API にも同じルールを追加します）。ルールが既にある場合は、IP アドレスのアクセス制御がこのコンピューターのアドレスを拒否している可能性があります。",
    },
    token_blocked: StatusFix {
        detail: "{url} は応答しましたが、このページ（{origin}）による応答の読み取りを許可していません（CORS）。",
        fix: "管理者がシステムプロパティ glide.oauth.cors.allowed.origin を {host}（このページのホスト名）に設定します（Australia リリース以降。プロパティを sys_properties に作成する必要がある場合があります）。それより前のリリースでは、トークンエンドポイントをブラウザーに公開できません：/oauth_token.do の前に同一オリジンプロキシを配置し、そのアドレスをセットアップページのトークン URL に入力してください（README に例があります）。",
    },
    token_unreachable: StatusFix {
        detail: "トークン URL {url} から応答がありませんでした。",
        fix: "セットアップページの「詳細設定」にあるトークン URL を確認してください：インスタンス自体のエンドポイントを使用するには空欄のままにするか、同一オリジンプロキシが POST 要求をインスタンスの /oauth_token.do に転送するように設定します。",
    },
    not_token_endpoint: StatusFix {
        detail: "{url} から応答がありましたが、OAuth トークンエンドポイントとしての応答ではありません：{detail}",
        fix: "セットアップページの「詳細設定」にあるトークン URL を確認してください。同一オリジンプロキシは、インスタンスの応答をそのまま中継する必要があります。",
    },
    page_policy: StatusFix {
        detail: "ブラウザーは {blocked} へのリクエストを送信しませんでした。このページの Content-Security-Policy の {directive} ディレクティブが許可していません。",
        fix: "このページの公開担当者が、Content-Security-Policy の {directive} に {blocked} を追加し（HTTP ヘッダーと <meta http-equiv=\"Content-Security-Policy\"> の両方）、ページを再読み込みしてください。cargo xtask build では --instance を指定します（別オリジンのプロキシには --token-url も）。",
    },
    forbidden: StatusFix {
        detail: "インスタンスが拒否しました：{detail}",
        fix: "統合ユーザーに読み取りが可能なロール（itil）を付与するか、管理者にテーブルの読み取りアクセス制御（ACL）を確認してもらってください。インスタンスで IP アドレスのアクセス制御を使用している場合は、このコンピューターのアドレスが拒否されている可能性があります。",
    },
    cross_scope: StatusFix {
        detail: "インスタンスがアプリケーションスコープをまたぐ読み取りを拒否しました：{detail}",
        fix: "管理者がメッセージに示されたテーブルを開き（oauth_entity の場合：システム定義 > テーブル > oauth_entity）、「アプリケーションアクセス」で「すべてのアプリケーションスコープから読み取り可能」を許可するか、メッセージに示されたスコープのクロススコープ権限を「許可済み」に設定します（システムアプリケーション > アプリケーションのクロススコープアクセス）。",
    },
    session_ended: StatusFix {
        detail: "インスタンスがこのセッションのトークンを受け付けなくなり、トークンを更新できませんでした。",
        fix: "「承認」を選択して、もう一度サインインしてください。インスタンスに登録されたリダイレクト URL は {redirect} と完全に一致している必要があります。",
    },
    rate_limited: StatusFix {
        detail: "インスタンスのレート制限に達しました。",
        fix: "{seconds}後に「再確認」を選択してください。",
    },
    server: StatusFix {
        detail: "インスタンスの応答は {status} でした：{detail}",
        fix: "しばらくしてから「再確認」を選択してください。問題が解決しない場合は、管理者がインスタンスのシステムログを確認できます。",
    },
    unexpected: StatusFix {
        detail: "インスタンスから予期しない応答がありました：{detail}",
        fix: "セットアップページのインスタンスのアドレスを確認してください。",
    },
    role_missing: StatusFix {
        detail: "{user} には {role} ロールがありません。",
        fix: "管理者が {user_name} に {role} ロールを付与します（ユーザー管理 > ユーザー > {user_name} > ロール > 編集）。{user_name} がご自身のアカウントの場合は、シングルサインオンによりご自身としてサインインしています：「承認」を選択し、同意ページで「ユーザーが違いますか?」を使用して、統合ユーザーとしてサインインしてください。",
    },

    connect_first: "未確認：先に接続してください。",
    no_instance: "未確認：インスタンスがまだ設定されていません。「承認」を選択して設定してください。",
    instance_down: "未確認：インスタンスが応答しませんでした（上記を参照）。",
    token_refused: "未確認：インスタンスがトークンを受け付けませんでした（上記を参照）。",
    api_closed: "未確認：Table API がこのページに公開されていません（上記を参照）。",
    roles_hidden: StatusFix {
        detail: "確認できませんでした：インスタンスが {user} に自身のロールを表示しません（sys_user_has_role の読み取りアクセス制御によって非表示になっています）。{detail}",
        fix: "代わりに、管理者が「ユーザー管理 > ユーザー」でロールを確認します：itil ではインシデントと変更リクエストを作成でき、change_manager でも変更リクエストを作成できます。",
    },
    could_not_ask: "確認できませんでした：ロールの問い合わせに失敗しました。{detail}",
};
