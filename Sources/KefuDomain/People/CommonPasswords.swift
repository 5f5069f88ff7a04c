/// The most common passwords (leaked-password lists and their Chinese counterparts), lower-case (#10.15).
/// Shipped as data so that the policy works without a network or a file; a password equal to one of them, ignoring
/// case, is refused.
public enum CommonPasswords {
    public static func contains(_ lowercased: String) -> Bool { set.contains(lowercased) }

    static let set: Set<String> = Set(list)

    public static let list: [String] = [
        "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword",
        "pa55word", "pa$$word", "passwort", "motdepasse", "12345678", "123456789", "1234567890", "0123456789",
        "87654321", "987654321", "11111111", "00000000", "88888888", "66666666", "12341234", "12121212", "11223344",
        "11112222", "12344321", "123123123", "123321123", "147258369", "159753123", "123456abc", "123456aa", "123456qq",
        "abc12345", "abcd1234", "abcde12345", "a1234567", "a12345678", "a123456789", "aa123456", "aa12345678",
        "qq123456", "qwe12345", "qwer1234", "qwerty123", "qwerty12", "qwerty1234", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx",
        "1qaz@wsx", "zaq12wsx", "zaq1zaq1", "q1w2e3r4", "q1w2e3r4t5", "qwertyuiop", "asdfghjkl", "zxcvbnm123",
        "asdf1234", "zxcv1234", "iloveyou", "iloveyou1", "iloveyou2", "woaini1314", "woaini520", "woaini123", "5201314",
        "52013145", "1314520", "1314521", "520520520", "woaiwojia", "sunshine", "princess", "football", "baseball",
        "basketball", "superman", "batman123", "spiderman", "starwars", "pokemon123", "dragon123", "monkey123",
        "letmein1", "letmein123", "welcome1", "welcome123", "welcome2026", "welcome2025", "admin123", "admin1234",
        "admin12345", "administrator", "adminadmin", "root1234", "rootroot", "toor1234", "changeme", "changeme1",
        "changeme123", "default1", "default123", "secret123", "secret12", "mysecret", "test1234", "test12345",
        "testtest", "testing123", "guest123", "user1234", "username", "qazwsxedc", "qazwsx123", "trustno1", "master123",
        "whatever", "freedom1", "computer", "internet", "samsung123", "liverpool", "chelsea1", "arsenal1", "jennifer",
        "michelle", "jessica1", "charlie1", "shadow12", "mustang1", "michael1", "jordan23", "hello123", "hello1234",
        "helloworld", "abcdefg1", "abcdefgh", "abcd12345", "1234qwer", "123qweasd", "123qweasdzxc", "qweasdzxc",
        "qweasd123", "q123456789", "a1b2c3d4", "a1b2c3d4e5", "1a2b3c4d", "z123456789", "w123456789", "aini1314",
        "iloveyou520", "xiaoming", "wangwei", "zhang123", "wang1234", "li123456", "chen1234", "liu123456", "huawei123",
        "xiaomi123", "baidu123", "taobao123", "alibaba1", "tencent1", "qq12345678", "19491001", "19900101", "19880808",
        "20080808", "20082008", "20102010", "20202020", "20212021", "20222022", "20232023", "20242024", "20252025",
        "20262026", "2021", "2022", "2023", "2024", "2025", "2026", "summer2024", "summer2025", "summer2026",
        "winter2025", "spring2026", "autumn2025", "company123", "company1", "kefu1234", "kefu2026", "kefu123456",
        "service123", "support123", "support1", "helpdesk", "helpdesk1", "customer", "customer1", "manager1",
        "manager123", "office123", "office2026", "server123", "database", "database1", "postgres", "postgres1",
        "sqlite123", "mysql123", "oracle123", "linux123", "ubuntu123", "windows10", "windows11", "microsoft",
        "apple123", "google123", "facebook", "twitter1", "youtube1", "linkedin", "instagram", "wechat123", "weixin123",
        "alipay123", "zhifubao", "shanghai", "beijing1", "shenzhen", "guangzhou", "hangzhou", "chengdu1", "chongqing",
        "tianjin1", "nanjing1", "wuhan123", "china123", "zhongguo", "woaizhongguo", "aaaaaaaa", "bbbbbbbb", "qqqqqqqq",
        "zzzzzzzz", "aaaa1111", "aaa111aaa", "a1a1a1a1", "ab123456", "abc123456", "abc123abc", "1234abcd", "12345abc",
        "12345qwe", "12345qaz", "123456789a", "123456789q", "1234567a", "1234567q", "12345678a", "12345678q",
        "0987654321", "!qaz2wsx", "!qaz@wsx", "#edc4rfv", "1qazxsw2", "2wsx3edc", "3edc4rfv", "xsw21qaz", "147852369",
        "963852741", "741852963", "159357456", "7758521", "7758258", "3344520", "1314woaini", "woshishui", "nihao123",
        "nihaoma1", "wodemima", "mima1234", "mimamima", "88888888a", "666666666", "888888888", "999999999", "123654789",
        "147896325", "321654987", "789456123", "456789123", "147258", "qwerty11", "asdasdasd", "qweqweqwe", "zxczxczxc",
        "asdfasdf", "qwerqwer", "zxcvzxcv", "1234512345", "123456123456", "password!", "password@", "password#",
        "passwordpassword", "iloveu123", "loveyou1", "lovely12", "angel123", "flower12", "butterfly", "sweetheart",
        "babygirl", "babygirl1", "loveme123", "fuckyou1", "football1", "soccer12", "hockey12", "tigger12", "cookie12",
        "pepper12", "buster12", "ginger12", "maggie12", "killer12", "hunter12", "ranger12", "thomas12", "robert12",
        "daniel12", "andrew12", "joshua12", "matthew1", "anthony1", "william1", "superstar", "rockstar1", "starwars1",
        "corvette", "ferrari1", "mercedes", "porsche1", "harley12", "yankees1", "dolphins", "cowboys1", "steelers",
        "eagles12", "midnight", "sunflower", "rainbow1", "diamond1", "chocolate", "cheese12", "banana12", "orange12",
        "purple12", "silver12", "golden12", "access14", "accessdenied", "letmein!", "password01", "p@ssw0rd1",
        "p@ssw0rd123", "passw0rd1", "passw0rd123", "qwerty!@", "q1w2e3r4t5y6", "1qaz2wsx3edc", "zaq!2wsx", "asdf;lkj",
        "asdfjkl;", "1234!@#$", "!@#$%^&*", "!@#$qwer", "qwer!@#$", "1q2w3e4r!", "1q2w3e!q", "admin@123", "admin#123",
        "admin888", "admin666", "root@123", "root#123", "system123", "system01", "sysadmin", "manager@123", "test@123",
        "abc@123", "abc@1234", "pass1234", "pass12345", "pass@123", "pass@word", "pass@1234", "word1234", "login123",
        "login1234", "signin123",
    ]
}
