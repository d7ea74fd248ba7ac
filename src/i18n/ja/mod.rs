//! Japanese strings of the connection flow and the shared UI.

mod manage;
mod microsoft;
mod share;
mod status;
mod tickets;

use crate::i18n::{ErrorText, ErrorTexts, Locale, Plural, Texts};
use manage::JA_MANAGE;
use microsoft::JA_MICROSOFT;
use share::JA_SHARE;
use status::JA_STATUS;
use tickets::JA_TICKETS;

pub const JA: Texts = Texts {
    locale: Locale::Ja,
    app_name: "snowcard",
    language_label: "言語",
    address_unknown: "そのアドレスは snowcard のページを指していないため、ホーム ページを表示しています。リンクを確認するか、ここから始めてください。",
    action_unknown: "そのアドレスの改善アクションは一覧にないため、一覧を表示しています。検索するか、独自のエクスポートをインポートしてください。",
    colon: "：",
    connect_card_title: "ServiceNow をご利用ですか?",
    connect_card_body: "改善アクションを変更リクエストまたはインシデントとして ServiceNow に送信し、そのチケットをここで追跡します。",
    connect_button: "ServiceNow に接続",

    setup_title: "ServiceNow セットアップ",
    setup_intro: "snowcard は、OAuth 2.0 と PKCE を使用して、ブラウザーを ServiceNow インスタンスに直接接続します。クライアントシークレットは使用せず、トークンが他のサーバーに渡ることもありません。",
    instance_label: "インスタンス",
    instance_hint: "インスタンス名（acme）、ホスト名（acme.service-now.com）、またはアドレス（https://acme.service-now.com）。",
    client_id_label: "クライアント ID",
    client_id_hint: "インスタンスに snowcard 用に登録された OAuth アプリケーションのクライアント ID。",
    advanced_label: "詳細設定",
    token_url_label: "トークン URL",
    token_url_hint: "インスタンスが Australia リリースより前のバージョンの場合を除き、空欄のままにします。その場合は、/oauth_token.do 用の同一オリジンプロキシのアドレスを入力します。",
    redirect_label: "登録するリダイレクト URL",
    redirect_hint: "このアドレスをそのまま OAuth アプリケーションのリダイレクト URL として登録してください。",
    copy_button: "コピー",
    copied: "リダイレクト URL をコピーしました。",
    copy_failed: "ブラウザーでコピーが許可されませんでした。アドレスを選択して手動でコピーしてください。",
    checklist_title: "管理者が事前にインスタンスで設定する項目",
    checklist: [
        "snowcard を OAuth クライアントとして登録します：マシン ID コンソール > インバウンド統合 > OAuth 認可コード付与で「これはパブリッククライアントです」をオンにします（または、システム OAuth > アプリケーションレジストリ > 外部クライアント用の OAuth API エンドポイントを作成で PKCE を必須にします）。",
        "リダイレクト URL を {redirect} に設定します。",
        "Table API と Aggregate API 用の CORS ルール（システム Web サービス > REST > CORS ルール）を追加します：ドメインは {origin}、メソッドは GET、POST、PATCH、許可するヘッダーは Authorization、Content-Type、Accept、公開するヘッダーは X-Total-Count、Link、Retry-After です。",
        "システムプロパティ glide.oauth.cors.allowed.origin を {host}（このページのホスト名）に設定するか（Australia リリース以降。プロパティを sys_properties に作成する必要がある場合があります）、トークンエンドポイント用の同一オリジンプロキシを設定します。",
        "統合ユーザーに itil ロールを付与します（変更リクエストを作成する場合は change_manager も付与します）。",
    ],
    data_title: "このブラウザーから送信されるデータ",
    data_items: [
        "サインインはインスタンス自体のページで行われるため、snowcard がパスワードを見ることはありません。",
        "トークンはインスタンスにのみ送信され、このタブを閉じるまでタブのセッションストレージに保持されます。",
        "作成するチケットには、改善アクションのタイトル、説明、優先度、期限、カテゴリ、および入力した依頼者が含まれます。",
        "ここで入力したインスタンス以外には何も送信されません。",
    ],
    data_tokens_memory: "トークンはインスタンスにのみ送信され、ストレージには保存されず、このページのメモリにのみ保持されます。ページを再読み込みするか離れると、サインアウトされます。",
    storage_memory_notice: "このブラウザーでは snowcard がここでセッションストレージを使用できないため、すべてをこのページのメモリに保持します。ページを再読み込みするとサインアウトされ、入力した内容も失われます。サインインするには、このページのサイトデータを許可してください。",
    dismiss: "閉じる",
    authorize_button: "承認",
    back_button: "戻る",
    required_mark: "（必須）",

    instance_required: "インスタンスを入力してください（例：acme、acme.service-now.com）。",
    instance_insecure: "https:// のアドレスを使用してください。http はこのコンピューター（localhost）でのみ使用できます。",
    instance_scheme: "https:// のアドレスを使用してください（例：https://acme.service-now.com）。",
    instance_credentials: "アドレスからユーザー名とパスワードを削除してください。サインインはインスタンスのページで行います。",
    instance_invalid: "インスタンス名またはアドレスではありません。acme や https://acme.service-now.com のように入力してください。",
    client_id_required: "snowcard 用に登録された OAuth アプリケーションのクライアント ID を入力してください。",
    client_id_spaces: "クライアント ID にスペースは含まれません。インスタンスからもう一度コピーしてください。",
    token_url_invalid: "トークン URL には https:// で始まる完全なアドレスを入力するか、空欄のままにしてください。",
    token_url_origin: "トークン URL はサインイン情報を受け取るため、このページのオリジンまたはインスタンスのオリジン上にある必要があります。/servicenow/oauth_token.do のようなパスを入力するか、空欄のままにしてください。他の場所のプロキシはページのコードでのみ設定できます。",
    instance_not_allowed: "このページは {allowed} にのみ接続します。これらのインスタンスのいずれかを入力してください。",
    sign_in_at: "{host} でサインインします。",
    fix_fields: "下に示されたフィールドを修正してから、「承認」を選択してください。",

    checking_instance: "インスタンスが応答するかどうかを確認しています…",
    redirecting: "インスタンスのサインインページを開いています…",
    completing: "ServiceNow との接続を完了しています…",
    loading_user: "接続しました。ServiceNow ユーザーを検索しています…",
    connected_title: "ServiceNow",
    connecting_title: "ServiceNow に接続しています",
    connected_as: "{user} として {instance} に接続しています",
    connected_to: "{instance} に接続しています",
    token_renews: "{time} までサインインしています。このタブが開いている間、snowcard がセッションを自動的に更新します。",

    seconds: Plural {
        one: "{count} 秒",
        other: "{count} 秒",
    },
    try_again: "再試行",
    reconnect: "再接続",
    sign_in_again: "もう一度サインイン",
    session_ends: "セッションは {time} に終了します。インスタンスはこのサインインに更新トークンを発行していないため、snowcard はセッションを更新できません。その時刻にもう一度サインインしてください。下書き、このページ、設定は保持されます。",
    session_ending_title: "ServiceNow のセッションは {time} に終了します",
    session_ending_body: "中断せずに作業を続けるには、今すぐもう一度サインインしてください。下書き、このページ、設定は保持されます。",
    error_prefix: "エラー：",
    errors: ErrorTexts {
        access_denied: ErrorText {
            title: "アクセスが拒否されました",
            detail: "ServiceNow の同意ページで要求が拒否されたため、snowcard はインスタンスにアクセスできません。",
            next: "接続するには、「再試行」を選択し、インスタンスの同意ページで「許可」を選択してください。",
        },
        state_mismatch: ErrorText {
            title: "このサインイン応答は、このページが要求したものではありません",
            detail: "state パラメーターがこのタブから送信したものと一致しないため、安全のために無視されました。別のタブまたは古いリンクからの応答である可能性があります。",
            next: "「再試行」を選択して、最初からやり直してください。",
        },
        state_missing: ErrorText {
            title: "サインイン応答が不完全です",
            detail: "ServiceNow から state パラメーターなしで応答が返されたため、応答を信頼できず、無視されました。",
            next: "「再試行」を選択して、最初からやり直してください。",
        },
        no_pending: ErrorText {
            title: "このタブではサインインが開始されていません",
            detail: "サインイン応答を受信しましたが、このタブにはサインインを開始した記録がありません（別のタブで開始されたか、タブが開き直された可能性があります）。",
            next: "「再試行」を選択して、最初からやり直してください。",
        },
        code_missing: ErrorText {
            title: "サインイン応答が不完全です",
            detail: "ServiceNow から認可コードなしで応答が返されました。",
            next: "「再試行」を選択して、最初からやり直してください。",
        },
        authorization_refused: ErrorText {
            title: "ServiceNow がサインイン要求を拒否しました",
            detail: "インスタンスの応答：{detail}",
            next: "クライアント ID と、インスタンスに登録されたリダイレクト URL が {redirect} と完全に一致していることを確認してください。",
        },
        invalid_grant: ErrorText {
            title: "ServiceNow がサインインを受け入れませんでした",
            detail: "インスタンスが認可を拒否しました（{detail}）。コードは 1 回限り有効で、1 分後に期限切れになります。",
            next: "「再試行」を選択して、最初からやり直してください。",
        },
        invalid_client: ErrorText {
            title: "インスタンスはこのクライアント ID を認識していません",
            detail: "トークンエンドポイントの応答：{detail}",
            next: "クライアント ID がインスタンスの OAuth アプリケーションと一致していること、およびそれがパブリッククライアントであることを確認してください。",
        },
        token_endpoint: ErrorText {
            title: "トークンエンドポイントが要求を拒否しました",
            detail: "インスタンスの応答：{detail}",
            next: "インスタンスの OAuth アプリケーションを確認してから、もう一度お試しください。",
        },
        token_blocked: ErrorText {
            title: "ブラウザーがインスタンスのトークンエンドポイントを読み取れない可能性があります",
            detail: "インスタンスは {url} で応答しましたが、このページのオリジン（{origin}）による応答の読み取りを許可していません（CORS）。",
            next: "管理者がシステムプロパティ glide.oauth.cors.allowed.origin を {host}（このページのホスト名）に設定するか（Australia リリース以降。プロパティを sys_properties に作成する必要がある場合があります）、同一オリジンプロキシを指すトークン URL を入力します。",
        },
        api_blocked: ErrorText {
            title: "インスタンスがこのページに REST API の使用を許可していません",
            detail: "インスタンスは {url} で応答しましたが、このページのオリジン（{origin}）に対する CORS ルールがありません。",
            next: "管理者が {origin} に対して Table API と Aggregate API の CORS ルールを追加し（システム Web サービス > REST > CORS ルール）、X-Total-Count、Link、Retry-After を公開します。",
        },
        page_policy: ErrorText {
            title: "このページの Content-Security-Policy が {blocked} をブロックしています",
            detail: "ブラウザーは {blocked} へのリクエストを送信しませんでした。このページの Content-Security-Policy の {directive} ディレクティブがそのオリジンを許可していません。インスタンス側の問題ではありません。",
            next: "このページの公開担当者が、Content-Security-Policy の {directive} に {blocked} を追加してください（HTTP ヘッダーと <meta http-equiv=\"Content-Security-Policy\"> の両方。どちらのポリシーも許可する必要があります）。その後、ページを再読み込みしてもう一度お試しください。",
        },
        unreachable: ErrorText {
            title: "インスタンスに接続できませんでした",
            detail: "{url} から応答がありませんでした。",
            next: "インスタンス名とネットワーク接続を確認してから、もう一度お試しください。",
        },
        offline: ErrorText {
            title: "オフラインです",
            detail: "ブラウザーがネットワーク接続なしと報告しています。",
            next: "ネットワークに再接続してから、もう一度お試しください。入力した内容は失われません。",
        },
        unexpected: ErrorText {
            title: "インスタンスから予期しない応答がありました",
            detail: "{detail}",
            next: "インスタンスのアドレスと、設定している場合はトークン URL を確認してください。",
        },
        session_ended: ErrorText {
            title: "ServiceNow のセッションが終了しました",
            detail: "インスタンスがこのセッションのトークンを受け付けなくなり、トークンを更新できませんでした。",
            next: "「もう一度サインイン」を選択してください。下書き、このページ、設定は保持されます。",
        },
        issuer_mismatch: ErrorText {
            title: "サインインの応答が別のサーバーから届きました",
            detail: "このページは {url} でサインインしましたが、応答の発行元は {detail} となっています。認可コードは使用されていません。",
            next: "インスタンスのアドレスを確認してから、「再試行」を選択してください。",
        },
        token_unavailable: ErrorText {
            title: "インスタンスのトークンエンドポイントが一時的に利用できません",
            detail: "インスタンスの応答: {detail}",
            next: "snowcard は 2 回試行しました。しばらくしてからもう一度お試しください。入力した内容は失われません。",
        },
        forbidden: ErrorText {
            title: "この ServiceNow ユーザーには、この操作が許可されていません",
            detail: "インスタンスの応答：{detail}",
            next: "統合ユーザーに itil ロール（変更リクエストの場合は change_manager）を付与してから、もう一度お試しください。",
        },
        rate_limited: ErrorText {
            title: "ServiceNow から snowcard に要求の頻度を下げるよう求められています",
            detail: "インスタンスのレート制限に達しました。",
            next: "snowcard は {seconds}後に再試行します。",
        },
        server: ErrorText {
            title: "ServiceNow がエラーを報告しました（{status}）",
            detail: "{detail}",
            next: "しばらくしてから、もう一度お試しください。問題が解決しない場合は、管理者がインスタンスのシステムログを確認できます。",
        },
        storage_corrupt: ErrorText {
            title: "保存された接続データを読み取れませんでした",
            detail: "このブラウザータブに snowcard 用に保存されていたデータは読み取れなかったため、消去されました。",
            next: "もう一度接続してください。",
        },
        storage_unavailable: ErrorText {
            title: "ブラウザーが接続情報の保存を拒否しました",
            detail: "このページのセッションストレージがいっぱいか、無効になっています。",
            next: "このページのサイトデータを許可して（またはプライベートブラウズを終了して）から、もう一度お試しください。",
        },
        instance_not_allowed: ErrorText {
            title: "このページは {url} に接続しません",
            detail: "このページで許可されているのは {detail} のみです。{url} には何も送信されていません。",
            next: "セットアップ ページを開き、許可されているインスタンスのいずれかを入力してください。",
        },
        token_url_not_allowed: ErrorText {
            title: "このページは {url} にサインイン情報を送信しません",
            detail: "このセッションのトークン URL は {url} 上にあり、このページのオリジンでもインスタンスのオリジンでもなく、ページのコードでも設定されていません。トークン URL はサインイン情報を受け取るため、{url} には何も送信されていません。",
            next: "セットアップ ページを開き、トークン URL を /servicenow/oauth_token.do のようなパスに変更するか、空欄にしてください。他の場所のプロキシはページのコードでのみ設定できます。",
        },
        pending_expired: ErrorText {
            title: "サインインに時間がかかりすぎました",
            detail: "10 分以上前に開始されたため、その応答は使用されませんでした。",
            next: "やり直してください。[再試行] を選択し、10 分以内にサインインしてください。",
        },
        redirected: ErrorText {
            title: "要求がリダイレクトされました",
            detail: "{url} はリダイレクトで応答しました。snowcard はリダイレクトをたどらないため、トークンが他の場所に送信されることはありません。",
            next: "インスタンスのアドレスとトークン URL (リダイレクトせずに自ら応答するアドレス) を確認してから、もう一度お試しください。",
        },
    },
    share: JA_SHARE,
    tickets: JA_TICKETS,
    manage: JA_MANAGE,
    status: JA_STATUS,
    microsoft: JA_MICROSOFT,
};
