//! Traditional Chinese (Taiwan) strings of the connection status page.

use crate::i18n::status::{StatusFix, StatusTexts};

pub const ZH_TW_STATUS: StatusTexts = StatusTexts {
    open_button: "連線狀態",
    check_button: "檢查連線",
    title: "連線狀態",
    intro: "snowcard 會逐一檢查執行個體必須為此頁面允許的項目。此頁面的來源是 {origin}；其重新導向 URL 是 {redirect}。",
    list_label: "檢查項目",
    check_again: "重新檢查",
    authorize: "授權",
    back: "返回",
    running: "正在檢查連線…",
    summary: "檢查完成：{passed} 項通過，{failed} 項失敗，{skipped} 項未檢查。",
    fix_label: "修正方式：",

    checking: "正在檢查…",
    passed: "通過",
    failed: "失敗",
    not_checked: "未檢查",

    instance_name: "可連線至執行個體",
    token_name: "權杖有效",
    table_incident_name: "可透過 Table API 讀取：事件",
    table_change_name: "可透過 Table API 讀取：變更請求",
    token_endpoint_name: "可從此瀏覽器連線至權杖端點",
    page_policy_name: "此頁面的 Content-Security-Policy 允許執行個體與權杖 URL",
    create_incident_name: "允許建立事件（itil 角色）",
    create_change_name: "允許建立變更請求（itil 或 change_manager 角色）",

    instance_ok: "{instance} 有回應。",
    token_ok: "執行個體接受此權杖；權杖屬於 {user}（{user_name}）。",
    not_you: "不是整合使用者嗎？單一登入可能已使用您自己的帳戶讓您登入：請選擇「授權」，在同意頁面上使用「不是您嗎？」，然後以整合使用者身分登入。",
    table_ok: "Table API 回應了此頁面，並允許使用者讀取 {table}。",
    token_endpoint_ok: "{url} 回應了此瀏覽器（對虛構的權杖傳回 {code}，符合預期）。",
    page_policy_ok: "瀏覽器允許此頁面呼叫 {origins}。",
    role_ok: "{user} 具有 {role} 角色。",
    role_via_admin: "{user} 具有 admin 角色，其中包含 {role}。",
    unknown_user: "已連線的使用者",

    unreachable: StatusFix {
        detail: "{url} 沒有任何回應。",
        fix: "請檢查「ServiceNow 設定」頁面上的執行個體位址，以及這台電腦的網路連線。如果執行個體使用 IP 位址存取控制（系統安全性 > IP 位址存取控制），系統管理員須允許這台電腦的位址。",
    },
    offline: StatusFix {
        detail: "瀏覽器回報沒有網路連線。",
        fix: "請重新連線至網路，然後選擇「重新檢查」。",
    },
    api_blocked: StatusFix {
        detail: "執行個體已在 {url} 回應，但對此頁面隱藏了回應：沒有允許 {origin} 的 CORS 規則。",
        fix: "系統管理員須開啟系統 Web 服務 > REST > CORS 規則，為 REST API「Table API」新增規則：網域 {origin}，HTTP 方法 GET、POST 與 PATCH，允許的標頭 Authorization、Content-Type、Accept，公開的標頭 X-Total-Count、Link、Retry-After（Aggregate API 也須相同設定）。如果規則已存在，可能是 IP 位址存取控制拒絕了這台電腦的位址。",
    },
    token_blocked: StatusFix {
        detail: "{url} 已回應，但不允許此頁面（{origin}）讀取回應（CORS）。",
        fix: "系統管理員須將系統屬性 glide.oauth.cors.allowed.origin 設為 {host}（此頁面的主機名稱；Australia 及更新版本；可能須先在 sys_properties 中建立此屬性）。較舊的版本無法對瀏覽器開放權杖端點：請在 /oauth_token.do 前方設置同源 Proxy，並在「ServiceNow 設定」頁面上將其位址輸入為「權杖 URL」（README 中有範例）。",
    },
    token_unreachable: StatusFix {
        detail: "權杖 URL {url} 沒有任何回應。",
        fix: "請檢查「ServiceNow 設定」頁面上「進階」下的「權杖 URL」：保留空白即可使用執行個體本身的權杖端點，或讓同源 Proxy 將 POST 要求轉送至執行個體的 /oauth_token.do。",
    },
    not_token_endpoint: StatusFix {
        detail: "{url} 有回應，但回應方式不像 OAuth 權杖端點：{detail}",
        fix: "請檢查「ServiceNow 設定」頁面上「進階」下的「權杖 URL」；同源 Proxy 必須原封不動地傳遞執行個體的回應。",
    },
    page_policy: StatusFix {
        detail: "瀏覽器沒有將要求傳送至 {blocked}：此頁面 Content-Security-Policy 的 {directive} 指示詞不允許。",
        fix: "請由發布此頁面的人員將 {blocked} 加入其 Content-Security-Policy 的 {directive}（HTTP 標頭以及任何 <meta http-equiv=\"Content-Security-Policy\">），然後重新載入頁面。使用 cargo xtask build 時，請傳入 --instance（位於其他來源的 Proxy 另需 --token-url）。",
    },
    forbidden: StatusFix {
        detail: "執行個體拒絕：{detail}",
        fix: "請為整合使用者指派可讀取該資料表的角色（itil），或請系統管理員檢查該資料表的讀取存取控制（ACL）。如果執行個體使用 IP 位址存取控制，也可能是它拒絕了這台電腦的位址。",
    },
    cross_scope: StatusFix {
        detail: "執行個體拒絕了跨應用程式範圍的讀取：{detail}",
        fix: "系統管理員須開啟訊息中指出的資料表（若為 oauth_entity：系統定義 > 資料表 > oauth_entity），並在「應用程式存取」下允許「可從所有應用程式範圍讀取」，或將訊息中指出之範圍的跨範圍權限設為「已允許」（系統應用程式 > 應用程式跨範圍存取）。",
    },
    session_ended: StatusFix {
        detail: "執行個體不再接受此工作階段的權杖，且無法更新權杖。",
        fix: "請選擇「授權」以重新登入。執行個體上註冊的重新導向 URL 必須與 {redirect} 完全相同。",
    },
    rate_limited: StatusFix {
        detail: "已達到執行個體的速率限制。",
        fix: "請在 {seconds}後選擇「重新檢查」。",
    },
    server: StatusFix {
        detail: "執行個體回應 {status}：{detail}",
        fix: "請稍後選擇「重新檢查」；若問題持續發生，系統管理員可以查看執行個體的系統記錄。",
    },
    unexpected: StatusFix {
        detail: "執行個體傳回了非預期的回應：{detail}",
        fix: "請檢查「ServiceNow 設定」頁面上的執行個體位址。",
    },
    role_missing: StatusFix {
        detail: "{user} 沒有 {role} 角色。",
        fix: "系統管理員須將 {role} 角色指派給 {user_name}（使用者管理 > 使用者 > {user_name} > 角色 > 編輯）。如果 {user_name} 是您自己的帳戶，表示單一登入以您本人的身分讓您登入：請選擇「授權」，在同意頁面上使用「不是您嗎？」，然後以整合使用者身分登入。",
    },

    connect_first: "未檢查：請先連線。",
    no_instance: "未檢查：尚未設定任何執行個體。請選擇「授權」進行設定。",
    instance_down: "未檢查：執行個體沒有回應（請參閱上方）。",
    token_refused: "未檢查：執行個體不接受權杖（請參閱上方）。",
    api_closed: "未檢查：Table API 未對此頁面開放（請參閱上方）。",
    roles_hidden: StatusFix {
        detail: "無法檢查：執行個體未向 {user} 顯示其本身的角色（sys_user_has_role 的讀取存取控制隱藏了這些角色）。{detail}",
        fix: "請改由系統管理員在使用者管理 > 使用者中檢查角色：itil 可建立事件與變更請求，change_manager 也可建立變更請求。",
    },
    could_not_ask: "無法檢查：查詢角色失敗。{detail}",
};
