//! Traditional Chinese (Taiwan) strings: the main connection journey and its errors.

mod manage;
mod microsoft;
mod share;
mod status;
mod tickets;

use crate::i18n::{ErrorText, ErrorTexts, Locale, Plural, Texts};
use manage::ZH_TW_MANAGE;
use microsoft::ZH_TW_MICROSOFT;
use share::ZH_TW_SHARE;
use status::ZH_TW_STATUS;
use tickets::ZH_TW_TICKETS;

pub const ZH_TW: Texts = Texts {
    locale: Locale::ZhTw,
    app_name: "snowcard",
    language_label: "語言",
    address_unknown: "該網址並未指向 snowcard 的頁面，因此顯示首頁。請檢查連結，或從這裡開始。",
    action_unknown: "該網址中的改進動作不在清單中，因此顯示清單。請搜尋它，或匯入您自己的匯出檔。",
    colon: "：",
    connect_card_title: "您使用 ServiceNow 嗎？",
    connect_card_body: "將改進動作以變更請求或事件的形式傳送至 ServiceNow，並在這裡追蹤票證。",
    connect_button: "連線至 ServiceNow",

    setup_title: "ServiceNow 設定",
    setup_intro: "snowcard 會使用 OAuth 2.0 與 PKCE，將您的瀏覽器直接連線至您的 ServiceNow 執行個體。過程中不使用用戶端密碼，其他伺服器也永遠不會看到您的權杖。",
    instance_label: "執行個體",
    instance_hint: "執行個體名稱（acme）、主機（acme.service-now.com）或位址（https://acme.service-now.com）。",
    client_id_label: "用戶端 ID",
    client_id_hint: "在執行個體上為 snowcard 註冊之 OAuth 應用程式的用戶端 ID。",
    advanced_label: "進階",
    token_url_label: "權杖 URL",
    token_url_hint: "除非執行個體早於 Australia 版本，否則請保留空白；若早於該版本，請輸入 /oauth_token.do 的同源 Proxy 位址。",
    redirect_label: "要註冊的重新導向 URL",
    redirect_hint: "請將與此完全相同的位址註冊為 OAuth 應用程式的重新導向 URL。",
    copy_button: "複製",
    copied: "已複製重新導向 URL。",
    copy_failed: "瀏覽器不允許複製；請選取位址並手動複製。",
    checklist_title: "系統管理員須先在執行個體上設定的項目",
    checklist: [
        "將 snowcard 註冊為 OAuth 用戶端：機器身分識別主控台 > 輸入整合 > OAuth 授權碼授與，並勾選「這是公用用戶端」（或系統 OAuth > 應用程式登錄 > 為外部用戶端建立 OAuth API 端點，並要求使用 PKCE）。",
        "將其重新導向 URL 設為 {redirect}",
        "為 Table API 與 Aggregate API 新增 CORS 規則（系統 Web 服務 > REST > CORS 規則）：網域 {origin}，方法 GET、POST 與 PATCH，允許的標頭 Authorization、Content-Type、Accept，公開的標頭 X-Total-Count、Link、Retry-After。",
        "將系統屬性 glide.oauth.cors.allowed.origin 設為 {host}（此頁面的主機名稱；Australia 及更新版本；可能須先在 sys_properties 中建立此屬性），或為權杖端點設定同源 Proxy。",
        "為整合使用者指派 itil 角色（若要建立變更請求，另需 change_manager 角色）。",
    ],
    data_title: "哪些資料會離開此瀏覽器",
    data_items: [
        "您會在執行個體自己的頁面上登入；snowcard 永遠不會看到密碼。",
        "權杖只會傳送至執行個體，並保存在此索引標籤的工作階段儲存空間中，直到您關閉此索引標籤為止。",
        "您建立的票證會包含改進動作的標題、描述、優先順序、到期日、類別，以及您輸入的請求者。",
        "除了您在此輸入的執行個體之外，不會將任何資料傳送至其他地方。",
    ],
    data_tokens_memory: "權杖只會傳送至執行個體，且只保存在此頁面的記憶體中，絕不寫入儲存空間；重新載入或離開此頁面就會登出。",
    storage_memory_notice: "此瀏覽器不允許 snowcard 在這裡使用工作階段儲存空間，因此所有資料都只保存在此頁面的記憶體中；重新載入頁面會登出，您輸入的內容也會遺失。若要登入，請允許此頁面儲存網站資料。",
    dismiss: "關閉",
    authorize_button: "授權",
    back_button: "返回",
    required_mark: "（必填）",

    instance_required: "請輸入執行個體，例如 acme 或 acme.service-now.com。",
    instance_insecure: "請使用 https:// 位址；只有這台電腦（localhost）才允許使用一般 http。",
    instance_scheme: "請使用 https:// 位址，例如 https://acme.service-now.com。",
    instance_credentials: "請從位址中移除使用者名稱和密碼；您會在執行個體的頁面上登入。",
    instance_invalid: "這不是執行個體名稱或位址。請輸入例如 acme 或 https://acme.service-now.com。",
    client_id_required: "請輸入為 snowcard 註冊之 OAuth 應用程式的用戶端 ID。",
    client_id_spaces: "用戶端 ID 不含空格；請從執行個體重新複製。",
    token_url_invalid: "請輸入完整的 https:// 位址作為權杖 URL，或保留空白。",
    token_url_origin: "權杖 URL 會接收您的登入資訊，因此必須位於此頁面或執行個體的來源上。請輸入 /servicenow/oauth_token.do 之類的路徑，或保留空白；其他位置的 Proxy 只能由頁面的程式碼設定。",
    instance_not_allowed: "此頁面只會連線至 {allowed}。請輸入其中一個執行個體。",
    sign_in_at: "您將在 {host} 登入。",
    fix_fields: "請更正下方標示的欄位，然後選擇「授權」。",

    checking_instance: "正在確認執行個體是否有回應…",
    redirecting: "正在開啟執行個體的登入頁面…",
    completing: "正在完成與 ServiceNow 的連線…",
    loading_user: "已連線；正在查詢您的 ServiceNow 使用者…",
    connected_title: "ServiceNow",
    connecting_title: "正在連線至 ServiceNow",
    connected_as: "已以 {user} 身分連線至 {instance}",
    connected_to: "已連線至 {instance}",
    token_renews: "登入有效期限至 {time}。只要此索引標籤保持開啟，snowcard 就會自動更新工作階段。",

    seconds: Plural {
        one: "{count} 秒",
        other: "{count} 秒",
    },
    try_again: "再試一次",
    reconnect: "重新連線",
    sign_in_again: "重新登入",
    session_ends: "工作階段將於 {time} 結束。執行個體未為此登入核發重新整理權杖，因此 snowcard 無法更新工作階段；屆時請重新登入。草稿、此頁面與您的設定都會保留。",
    session_ending_title: "您的 ServiceNow 工作階段將於 {time} 結束",
    session_ending_body: "請立即重新登入以便不中斷地繼續作業；您的草稿、此頁面與設定都會保留。",
    error_prefix: "錯誤：",
    errors: ErrorTexts {
        access_denied: ErrorText {
            title: "存取遭拒",
            detail: "要求已在 ServiceNow 的同意頁面上遭到拒絕，因此 snowcard 無法存取執行個體。",
            next: "若要連線，請選擇「再試一次」，然後在執行個體的同意頁面上選擇「允許」。",
        },
        state_mismatch: ErrorText {
            title: "此登入回應並非由此頁面所要求",
            detail: "其 state 參數與此索引標籤傳送的參數不符，為了您的安全已予以忽略。此回應可能來自其他索引標籤或舊的連結。",
            next: "請選擇「再試一次」以重新開始。",
        },
        state_missing: ErrorText {
            title: "登入回應不完整",
            detail: "ServiceNow 傳回的回應缺少 state 參數，因此無法信任此回應，已予以忽略。",
            next: "請選擇「再試一次」以重新開始。",
        },
        no_pending: ErrorText {
            title: "此索引標籤未啟動任何登入",
            detail: "已收到登入回應，但此索引標籤沒有啟動登入的記錄（登入可能是在其他索引標籤中啟動，或此索引標籤已重新開啟）。",
            next: "請選擇「再試一次」以重新開始。",
        },
        code_missing: ErrorText {
            title: "登入回應不完整",
            detail: "ServiceNow 傳回的回應缺少授權碼。",
            next: "請選擇「再試一次」以重新開始。",
        },
        authorization_refused: ErrorText {
            title: "ServiceNow 拒絕了登入要求",
            detail: "執行個體回應：{detail}",
            next: "請檢查用戶端 ID，並確認執行個體上註冊的重新導向 URL 與 {redirect} 完全相同。",
        },
        invalid_grant: ErrorText {
            title: "ServiceNow 不接受此登入",
            detail: "執行個體拒絕了授權（{detail}）。授權碼只能使用一次，且會在一分鐘後過期。",
            next: "請選擇「再試一次」以重新開始。",
        },
        invalid_client: ErrorText {
            title: "執行個體無法識別此用戶端 ID",
            detail: "權杖端點回應：{detail}",
            next: "請將用戶端 ID 與執行個體上的 OAuth 應用程式核對，並確認其為公用用戶端。",
        },
        token_endpoint: ErrorText {
            title: "權杖端點拒絕了要求",
            detail: "執行個體回應：{detail}",
            next: "請檢查執行個體上的 OAuth 應用程式，然後再試一次。",
        },
        token_blocked: ErrorText {
            title: "您的瀏覽器可能無法讀取執行個體的權杖端點",
            detail: "執行個體已在 {url} 回應，但不允許此頁面的來源（{origin}）讀取回應（CORS）。",
            next: "系統管理員須將系統屬性 glide.oauth.cors.allowed.origin 設為 {host}（此頁面的主機名稱；Australia 及更新版本；可能須先在 sys_properties 中建立此屬性），或輸入指向同源 Proxy 的權杖 URL。",
        },
        api_blocked: ErrorText {
            title: "執行個體不允許此頁面使用其 REST API",
            detail: "執行個體已在 {url} 回應，但沒有適用於此頁面來源（{origin}）的 CORS 規則。",
            next: "系統管理員須為 {origin} 新增適用於 Table API 與 Aggregate API 的 CORS 規則（系統 Web 服務 > REST > CORS 規則），並公開 X-Total-Count、Link 與 Retry-After 標頭。",
        },
        page_policy: ErrorText {
            title: "此頁面的 Content-Security-Policy 封鎖了 {blocked}",
            detail: "瀏覽器沒有將要求傳送至 {blocked}：此頁面 Content-Security-Policy 的 {directive} 指示詞不允許該來源。問題不在執行個體本身。",
            next: "請由發布此頁面的人員將 {blocked} 加入其 Content-Security-Policy 的 {directive}（HTTP 標頭以及任何 <meta http-equiv=\"Content-Security-Policy\">：每個原則都必須允許），然後重新載入頁面並再試一次。",
        },
        unreachable: ErrorText {
            title: "無法連線至執行個體",
            detail: "{url} 沒有任何回應。",
            next: "請檢查執行個體名稱和您的網路連線，然後再試一次。",
        },
        offline: ErrorText {
            title: "您目前離線",
            detail: "瀏覽器回報沒有網路連線。",
            next: "請重新連線至網路，然後再試一次。您輸入的內容不會遺失。",
        },
        unexpected: ErrorText {
            title: "執行個體傳回了非預期的回應",
            detail: "{detail}",
            next: "請檢查執行個體位址，以及權杖 URL（如果您有設定）。",
        },
        session_ended: ErrorText {
            title: "您的 ServiceNow 工作階段已結束",
            detail: "執行個體不再接受此工作階段的權杖，且無法更新權杖。",
            next: "請選擇「重新登入」；您的草稿、此頁面與設定都會保留。",
        },
        issuer_mismatch: ErrorText {
            title: "登入回應來自另一部伺服器",
            detail: "此頁面在 {url} 登入，但回應表示其來自 {detail}。授權碼未被使用。",
            next: "請檢查執行個體位址，然後選擇「再試一次」。",
        },
        token_unavailable: ErrorText {
            title: "執行個體的權杖端點暫時無法使用",
            detail: "執行個體回應：{detail}",
            next: "snowcard 已嘗試兩次。請稍後再試；您輸入的內容不會遺失。",
        },
        forbidden: ErrorText {
            title: "此 ServiceNow 使用者無權執行此操作",
            detail: "執行個體回應：{detail}",
            next: "請為整合使用者指派 itil 角色（變更請求需要 change_manager 角色），然後再試一次。",
        },
        rate_limited: ErrorText {
            title: "ServiceNow 要求 snowcard 放慢速度",
            detail: "已達到執行個體的速率限制。",
            next: "snowcard 將在 {seconds}後重試。",
        },
        server: ErrorText {
            title: "ServiceNow 回報錯誤（{status}）",
            detail: "{detail}",
            next: "請稍後再試；若問題持續發生，系統管理員可以檢查執行個體的系統記錄。",
        },
        storage_corrupt: ErrorText {
            title: "無法讀取已儲存的連線資料",
            detail: "此瀏覽器索引標籤為 snowcard 儲存的資料無法讀取，已予以清除。",
            next: "請重新連線。",
        },
        storage_unavailable: ErrorText {
            title: "瀏覽器拒絕儲存連線",
            detail: "此頁面的工作階段儲存空間已滿或已停用。",
            next: "請允許此頁面儲存網站資料（或離開私密瀏覽模式），然後再試一次。",
        },
        instance_not_allowed: ErrorText {
            title: "此頁面不會連線至 {url}",
            detail: "此頁面只允許 {detail}。未傳送任何內容至 {url}。",
            next: "開啟設定頁面，並輸入其中一個允許的執行個體。",
        },
        token_url_not_allowed: ErrorText {
            title: "此頁面不會將登入資訊傳送至 {url}",
            detail: "此工作階段的權杖 URL 位於 {url}，既不是此頁面的來源，也不是執行個體的來源，且頁面的程式碼並未設定它。權杖 URL 會接收您的登入資訊，因此未傳送任何內容至 {url}。",
            next: "開啟設定頁面，將權杖 URL 改為 /servicenow/oauth_token.do 之類的路徑，或保留空白；其他位置的 Proxy 只能由頁面的程式碼設定。",
        },
        pending_expired: ErrorText {
            title: "此登入花費的時間太長",
            detail: "此登入是在超過 10 分鐘前開始的，因此未使用其回應。",
            next: "請重新開始：選擇 [再試一次]，並在 10 分鐘內登入。",
        },
        redirected: ErrorText {
            title: "要求已被重新導向",
            detail: "{url} 以重新導向回應；snowcard 不會追蹤重新導向，因此權杖不會被傳送到其他位置。",
            next: "請檢查執行個體位址和權杖 URL (必須自行回應，而非重新導向)，然後再試一次。",
        },
    },
    share: ZH_TW_SHARE,
    tickets: ZH_TW_TICKETS,
    manage: ZH_TW_MANAGE,
    status: ZH_TW_STATUS,
    microsoft: ZH_TW_MICROSOFT,
};
