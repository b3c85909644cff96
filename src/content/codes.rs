//! The code lists of the contract: each a Rust enum whose YAML spelling is
//! its snake_case name. Labels for people live in the theme's i18n files;
//! here a code is only checked and typed.
//!
//! Codes are read through [`code_from_str`] rather than serde's derived enum
//! support, so an unknown code gets "did you mean" and the list of codes,
//! reported at the value itself.

use serde::de::{Deserialize, Deserializer};

/// A closed list of codes written in YAML as lower-case words.
pub trait Code: Sized + Copy + 'static {
    /// What the code names, in messages ("gender", "education").
    const KIND: &'static str;
    /// Every code with its spelling, in the contract's order.
    const ALL: &'static [(&'static str, Self)];

    /// The code as written in YAML.
    fn as_str(self) -> &'static str;
}

/// Reads a code, or fails with a message the loader recognises.
pub(crate) fn code_from_str<'de, D: Deserializer<'de>, C: Code>(d: D) -> Result<C, D::Error> {
    super::scalar::deserialize_with(d, |text| {
        C::ALL
            .iter()
            .find(|(name, _)| *name == text)
            .map(|(_, code)| *code)
            .ok_or_else(|| {
                super::encoded::encode(&super::encoded::Encoded::UnknownCode {
                    kind: C::KIND.to_owned(),
                    value: text.to_owned(),
                })
            })
    })
}

/// The `KIND` constant that equals `kind`, for rebuilding a problem from an
/// error message.
pub(crate) fn kind_name(kind: &str) -> &'static str {
    [
        Gender::KIND,
        Education::KIND,
        Party::KIND,
        Ethnicity::KIND,
        Background::KIND,
        Body::KIND,
        Post::KIND,
        NoticeType::KIND,
        VillageKind::KIND,
        Language::KIND,
        Digits::KIND,
        RULE_TARGET,
    ]
    .into_iter()
    .find(|k| *k == kind)
    .unwrap_or("code")
}

/// What a rule entry such as `committee.chair` is called in messages.
pub(crate) const RULE_TARGET: &str = "rule target";

/// Every body and body.post a rule may name.
pub(crate) const RULE_TARGETS: &[&str] = &[
    "party_branch",
    "party_branch.secretary",
    "party_branch.deputy_secretary",
    "party_branch.member",
    "committee",
    "committee.chair",
    "committee.deputy_chair",
    "committee.member",
];

/// The spellings of every code of a kind, for messages.
pub(crate) fn spellings_of_kind(kind: &str) -> Vec<&'static str> {
    fn names<C: Code>() -> Vec<&'static str> {
        C::ALL.iter().map(|(n, _)| *n).collect()
    }
    match kind {
        Gender::KIND => names::<Gender>(),
        Education::KIND => names::<Education>(),
        Party::KIND => names::<Party>(),
        Ethnicity::KIND => names::<Ethnicity>(),
        Background::KIND => names::<Background>(),
        Body::KIND => names::<Body>(),
        Post::KIND => names::<Post>(),
        NoticeType::KIND => names::<NoticeType>(),
        VillageKind::KIND => names::<VillageKind>(),
        Language::KIND => names::<Language>(),
        Digits::KIND => names::<Digits>(),
        RULE_TARGET => RULE_TARGETS.to_vec(),
        _ => Vec::new(),
    }
}

macro_rules! codes {
    ($(#[$doc:meta])* $name:ident, $kind:literal, { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl Code for $name {
            const KIND: &'static str = $kind;
            const ALL: &'static [(&'static str, Self)] = &[$(($text, $name::$variant)),+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                code_from_str(d)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

codes!(
    /// A person's gender.
    Gender, "gender", {
    /// 女
    Female = "female",
    /// 男
    Male = "male",
});

codes!(
    /// Highest education completed.
    Education, "education", {
    /// 小学
    Primary = "primary",
    /// 初中
    JuniorHigh = "junior_high",
    /// 高中
    SeniorHigh = "senior_high",
    /// 中专、中技
    Vocational = "vocational",
    /// 大专
    College = "college",
    /// 本科
    Bachelor = "bachelor",
    /// 研究生
    Postgraduate = "postgraduate",
});

/// The reference article's three education groups, used in every figure.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum EducationGroup {
    /// 初中及以下
    JuniorHighOrBelow,
    /// 中专、高中、中技
    Secondary,
    /// 大专及以上
    CollegeOrAbove,
}

impl Education {
    /// The article's group this level belongs to.
    pub fn group(self) -> EducationGroup {
        match self {
            Education::Primary | Education::JuniorHigh => EducationGroup::JuniorHighOrBelow,
            Education::SeniorHigh | Education::Vocational => EducationGroup::Secondary,
            Education::College | Education::Bachelor | Education::Postgraduate => {
                EducationGroup::CollegeOrAbove
            }
        }
    }
}

codes!(
    /// Party status.
    Party, "party status", {
    /// 中共正式党员
    Member = "member",
    /// 中共预备党员 (counts as a Party member)
    Probationary = "probationary",
    /// 非党员
    None = "none",
});

codes!(
    /// Ethnicity: China's 56 recognised groups and `other`.
    Ethnicity, "ethnicity", {
    /// 阿昌族
    Achang = "achang",
    /// 白族
    Bai = "bai",
    /// 保安族
    Bonan = "bonan",
    /// 布朗族
    Blang = "blang",
    /// 布依族
    Bouyei = "bouyei",
    /// 朝鲜族
    Korean = "korean",
    /// 达斡尔族
    Daur = "daur",
    /// 傣族
    Dai = "dai",
    /// 德昂族
    Deang = "deang",
    /// 东乡族
    Dongxiang = "dongxiang",
    /// 侗族
    Dong = "dong",
    /// 独龙族
    Derung = "derung",
    /// 俄罗斯族
    Russian = "russian",
    /// 鄂伦春族
    Oroqen = "oroqen",
    /// 鄂温克族
    Ewenki = "ewenki",
    /// 高山族
    Gaoshan = "gaoshan",
    /// 仡佬族
    Gelao = "gelao",
    /// 哈尼族
    Hani = "hani",
    /// 哈萨克族
    Kazakh = "kazakh",
    /// 汉族
    Han = "han",
    /// 赫哲族
    Hezhen = "hezhen",
    /// 回族
    Hui = "hui",
    /// 基诺族
    Jino = "jino",
    /// 京族
    Gin = "gin",
    /// 景颇族
    Jingpo = "jingpo",
    /// 柯尔克孜族
    Kyrgyz = "kyrgyz",
    /// 拉祜族
    Lahu = "lahu",
    /// 黎族
    Li = "li",
    /// 傈僳族
    Lisu = "lisu",
    /// 珞巴族
    Lhoba = "lhoba",
    /// 满族
    Manchu = "manchu",
    /// 毛南族
    Maonan = "maonan",
    /// 门巴族
    Monba = "monba",
    /// 蒙古族
    Mongol = "mongol",
    /// 苗族
    Miao = "miao",
    /// 仫佬族
    Mulao = "mulao",
    /// 纳西族
    Naxi = "naxi",
    /// 怒族
    Nu = "nu",
    /// 普米族
    Pumi = "pumi",
    /// 羌族
    Qiang = "qiang",
    /// 撒拉族
    Salar = "salar",
    /// 畲族
    She = "she",
    /// 水族
    Sui = "sui",
    /// 塔吉克族
    Tajik = "tajik",
    /// 塔塔尔族
    Tatar = "tatar",
    /// 土家族
    Tujia = "tujia",
    /// 土族
    Tu = "tu",
    /// 佤族
    Va = "va",
    /// 维吾尔族
    Uyghur = "uyghur",
    /// 乌孜别克族
    Uzbek = "uzbek",
    /// 锡伯族
    Xibe = "xibe",
    /// 瑶族
    Yao = "yao",
    /// 彝族
    Yi = "yi",
    /// 裕固族
    Yugur = "yugur",
    /// 藏族
    Tibetan = "tibetan",
    /// 壮族
    Zhuang = "zhuang",
    /// 其他
    Other = "other",
});

codes!(
    /// How a candidate was found: the sources the reference article lists.
    Background, "background", {
    /// 现任村(社区)干部和后备干部
    SittingCadre = "sitting_cadre",
    /// 乡村振兴等专干
    RuralRevitalisationStaff = "rural_revitalisation_staff",
    /// 未就业高校毕业生
    UnemployedGraduate = "unemployed_graduate",
    /// 优秀退役军人
    Veteran = "veteran",
    /// 返乡致富能人
    ReturneeEntrepreneur = "returnee_entrepreneur",
    /// 技术能手
    SkilledWorker = "skilled_worker",
    /// "先进双联户"户长
    ModelHouseholdHead = "model_household_head",
    /// 民族团结家庭或文明家庭
    CivilisedFamily = "civilised_family",
    /// 革命爱国人士及其后代
    PatrioticDescendant = "patriotic_descendant",
    /// 县乡机关事业单位工作人员
    TownshipStaff = "township_staff",
    /// 大学生村官
    CollegeGraduateOfficial = "college_graduate_official",
    /// 农牧民专业合作经济组织负责人
    CooperativeLeader = "cooperative_leader",
    /// 村医村教
    VillageDoctorTeacher = "village_doctor_teacher",
    /// 务工返乡人员
    ReturningMigrantWorker = "returning_migrant_worker",
    /// 农牧民
    FarmerHerder = "farmer_herder",
    /// 其他
    Other = "other",
});

codes!(
    /// The two elected bodies of a village.
    Body, "body", {
    /// 村党组织
    PartyBranch = "party_branch",
    /// 村(居)民委员会
    Committee = "committee",
});

codes!(
    /// A post on a body.
    Post, "post", {
    /// 书记 (party branch)
    Secretary = "secretary",
    /// 副书记 (party branch)
    DeputySecretary = "deputy_secretary",
    /// 主任 (committee)
    Chair = "chair",
    /// 副主任 (committee)
    DeputyChair = "deputy_chair",
    /// 委员 (either body)
    Member = "member",
});

impl Body {
    /// The posts of this body, in order of rank.
    pub fn posts(self) -> &'static [&'static str] {
        match self {
            Body::PartyBranch => &["secretary", "deputy_secretary", "member"],
            Body::Committee => &["chair", "deputy_chair", "member"],
        }
    }

    /// Whether `post` is a post of this body.
    pub fn has_post(self, post: Post) -> bool {
        self.posts().contains(&post.as_str())
    }
}

codes!(
    /// What a notice announces.
    NoticeType, "notice type", {
    /// 候选人公示
    Candidates = "candidates",
    /// 选举结果公示
    Results = "results",
});

codes!(
    /// Village or urban community.
    VillageKind, "kind", {
    /// 村
    Village = "village",
    /// 社区
    Community = "community",
});

codes!(
    /// A language of the site.
    Language, "language", {
    /// Tibetan
    Bo = "bo",
    /// Simplified Chinese
    Zh = "zh",
});

codes!(
    /// Digits used for numbers on Tibetan pages.
    Digits, "digits", {
    /// 0-9
    Arabic = "arabic",
    /// ༠-༩
    Tibetan = "tibetan",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_56_groups_and_other() {
        assert_eq!(Ethnicity::ALL.len(), 57);
        let mut names: Vec<_> = Ethnicity::ALL.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 57);
    }

    #[test]
    fn posts_belong_to_bodies() {
        assert!(Body::PartyBranch.has_post(Post::Secretary));
        assert!(!Body::PartyBranch.has_post(Post::Chair));
        assert!(Body::Committee.has_post(Post::Member));
        assert_eq!(Education::Vocational.group(), EducationGroup::Secondary);
    }
}
